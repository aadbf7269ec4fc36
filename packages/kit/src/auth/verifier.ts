import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, type Config } from '../config/config';
import { loadDevKey } from './dev-issuer';
import { CLAIMS, ROLES, type Principal, type Role } from './principal';
import { municipalityCodesOf, ORGANISER_SCOPED_ROLES } from '../organiser/organisers';
import { tokenRuleViolation, type LifetimeLimits } from './token-rules';
import { unauthenticated } from '../graphql/errors';

/** Turns a bearer token into a {@link Principal}, or throws `UNAUTHENTICATED`. */
export type TokenVerifier = (token: string) => Promise<Principal>;

interface TrustedIssuer {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
}

/**
 * Whether tokens of the local development issuer (`pnpm token`, the test kit) are accepted:
 * as `TRUST_DEV_ISSUER` says; by default only while no external issuer is configured, and in
 * production only when the development issuer is explicitly enabled (`DEV_ISSUER=1`), so that
 * a production service that forgot its issuer settings trusts no self-made key.
 */
export function devIssuerTrusted(config: Config): boolean {
  if (config.TRUST_DEV_ISSUER !== undefined) return config.TRUST_DEV_ISSUER;
  if (config.OIDC_JWKS_URL) return false;
  return config.NODE_ENV !== 'production' || config.DEV_ISSUER;
}

/**
 * The external issuer, when configured. Refuses to build one without an issuer and an
 * audience: any token signed by its keys would otherwise pass, whatever it was minted for.
 */
export function externalIssuer(config: Config): TrustedIssuer | null {
  if (!config.OIDC_JWKS_URL) return null;
  if (!config.OIDC_ISSUER || !config.OIDC_AUDIENCE) {
    throw new Error('OIDC_JWKS_URL is set: OIDC_ISSUER and OIDC_AUDIENCE are required.');
  }
  return {
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE,
    keys: createRemoteJWKSet(new URL(config.OIDC_JWKS_URL)),
  };
}

/**
 * Verifies tokens against the configured OIDC issuer's JWKS and, where trusted
 * ({@link devIssuerTrusted}), the local development issuer's key. The token's own `iss`
 * only chooses which key set to try; signature, issuer, audience, `exp` and the rules of
 * {@link tokenRuleViolation} are then all required.
 */
export async function createVerifier(config: Config): Promise<TokenVerifier> {
  const trusted: TrustedIssuer[] = [];
  const external = externalIssuer(config);
  if (external) trusted.push(external);
  if (devIssuerTrusted(config)) {
    trusted.push({
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      keys: createLocalJWKSet({ keys: [(await loadDevKey(config.DATA_DIR)).publicJwk] }),
    });
  }
  const limits: LifetimeLimits = {
    person: config.TOKEN_MAX_LIFETIME_SECONDS,
    system: config.SYSTEM_TOKEN_MAX_LIFETIME_SECONDS,
  };

  // Verifying a signature is the costliest step of a small request, and every service sees
  // the same token again and again: remember verified tokens until they expire (at most a
  // minute, so a key rotation takes effect), in a bounded map.
  const verified = new Map<string, { principal: Principal; until: number }>();
  const MAX_REMEMBERED = 10_000;

  return async (token) => {
    const now = Date.now();
    const known = verified.get(token);
    if (known && known.until > now) return known.principal;
    let payload: JWTPayload;
    try {
      const claimed = decodeJwt(token).iss;
      const from = trusted.find((t) => t.issuer === claimed);
      if (!from) throw new Error('untrusted issuer');
      ({ payload } = await jwtVerify(token, from.keys, {
        issuer: from.issuer,
        audience: from.audience,
        requiredClaims: ['exp', 'sub'],
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      }));
    } catch {
      throw unauthenticated('The access token is invalid or has expired.');
    }
    if (tokenRuleViolation(payload, limits, Math.floor(now / 1000))) {
      throw unauthenticated('The access token is invalid or has expired.');
    }
    const principal = toPrincipal(payload);
    if (verified.size >= MAX_REMEMBERED) verified.clear();
    const expires = (payload.exp ?? 0) * 1000;
    verified.set(token, { principal, until: Math.min(expires, now + 60_000) });
    return principal;
  };
}

function toPrincipal(payload: JWTPayload): Principal {
  const role = payload[CLAIMS.role];
  if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role)) {
    throw unauthenticated('The access token carries no known role.');
  }
  const municipalities = payload[CLAIMS.municipalities];
  const client = payload[CLAIMS.client];
  const provider = payload[CLAIMS.provider];
  const organiser = payload[CLAIMS.organiser];
  // An organiser-scoped token carries the organiser, not its (up to 23) municipalities: they
  // are expanded here from reference data, so every municipality check keeps working and no
  // service has to ask another who belongs to whom. An unknown organiser grants nothing.
  const organiserId =
    typeof organiser === 'string' && ORGANISER_SCOPED_ROLES.includes(role as Role)
      ? organiser
      : null;
  const municipalityList = organiserId
    ? municipalityCodesOf(organiserId)
    : Array.isArray(municipalities)
      ? municipalities.filter((m): m is string => typeof m === 'string')
      : [];
  const providerId = typeof provider === 'string' ? provider : null;
  return {
    sub: payload.sub,
    role: role as Role,
    municipalities: municipalityList,
    organiserId,
    clientId: typeof client === 'string' ? client : null,
    providerId,
    scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    name: typeof payload.name === 'string' ? payload.name : null,
    organisation: providerId ?? organiserId ?? municipalityList[0] ?? null,
  };
}

/** Extracts the token from an `Authorization: Bearer …` header value. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
