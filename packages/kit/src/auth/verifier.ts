import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER, type Config } from '../config/config';
import { loadDevKey } from './dev-issuer';
import { CLAIMS, ROLES, type Principal, type Role } from './principal';
import { unauthenticated } from '../graphql/errors';

/** Turns a bearer token into a {@link Principal}, or throws `UNAUTHENTICATED`. */
export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * Verifies tokens against the configured OIDC issuer's JWKS, or, when none is configured,
 * against the local development issuer. Never both: configuring an issuer turns the
 * development issuer off.
 */
export async function createVerifier(config: Config): Promise<TokenVerifier> {
  const external = config.OIDC_JWKS_URL;
  const jwks = external
    ? createRemoteJWKSet(new URL(external))
    : createLocalJWKSet({ keys: [(await loadDevKey(config.DATA_DIR)).publicJwk] });
  const issuer = external ? config.OIDC_ISSUER : DEV_ISSUER;
  const audience = external ? config.OIDC_AUDIENCE : DEV_AUDIENCE;

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
      ({ payload } = await jwtVerify(token, jwks, {
        ...(issuer ? { issuer } : {}),
        ...(audience ? { audience } : {}),
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      }));
    } catch {
      throw unauthenticated('The access token is invalid or has expired.');
    }
    const principal = toPrincipal(payload);
    if (verified.size >= MAX_REMEMBERED) verified.clear();
    const expires = typeof payload.exp === 'number' ? payload.exp * 1000 : now;
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
  const municipalityList = Array.isArray(municipalities)
    ? municipalities.filter((m): m is string => typeof m === 'string')
    : [];
  const providerId = typeof provider === 'string' ? provider : null;
  return {
    sub: payload.sub,
    role: role as Role,
    municipalities: municipalityList,
    clientId: typeof client === 'string' ? client : null,
    providerId,
    scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    name: typeof payload.name === 'string' ? payload.name : null,
    organisation: providerId ?? municipalityList[0] ?? null,
  };
}

/** Extracts the token from an `Authorization: Bearer …` header value. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}
