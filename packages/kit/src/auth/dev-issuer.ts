import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from '../config/config';
import { CLAIMS, type Role } from './principal';

interface KeyFile {
  privateJwk: JWK;
  publicJwk: JWK;
}

const ALG = 'ES256';

/**
 * Reads the development issuer's signing key, creating it on first use. Concurrent starts of
 * several services race safely: the key is written to a temporary file and hard-linked into
 * place, so exactly one key wins and everyone reads that one.
 */
export async function loadDevKey(dataDir: string): Promise<KeyFile> {
  const file = path.join(path.resolve(dataDir), 'dev-issuer', 'key.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = crypto.randomUUID();
    const content: KeyFile = {
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' },
    };
    const tmp = `${file}.${process.pid}.${kid}`;
    fs.writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(tmp);
    }
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
}

/** Claims of a development token. */
export interface DevTokenClaims {
  sub: string;
  role: Role;
  municipalities?: string[];
  /** ORGANISER and MUNICIPAL_SYSTEM: the organiser the token acts for. */
  organiserId?: string;
  clientId?: string;
  providerId?: string;
  scopes?: string[];
  name?: string;
  /** Lifetime, e.g. `30m`. Default 1 hour, the longest the services accept by default. */
  expiresIn?: string;
}

/** Signs a token with the development issuer's key (development and tests only). */
export async function signDevToken(dataDir: string, claims: DevTokenClaims): Promise<string> {
  const key = await loadDevKey(dataDir);
  const privateKey = await importJWK(key.privateJwk, ALG);
  const payload: Record<string, unknown> = {
    [CLAIMS.role]: claims.role,
    [CLAIMS.municipalities]: claims.municipalities ?? [],
  };
  if (claims.organiserId) payload[CLAIMS.organiser] = claims.organiserId;
  if (claims.clientId) payload[CLAIMS.client] = claims.clientId;
  if (claims.providerId) payload[CLAIMS.provider] = claims.providerId;
  if (claims.scopes?.length) payload.scope = claims.scopes.join(' ');
  if (claims.name) payload.name = claims.name;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: ALG, kid: key.privateJwk.kid ?? '' })
    .setSubject(claims.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '1h')
    .sign(privateKey);
}
