import type http from 'node:http';
import { ROLES, sendJson, signDevToken, type Config, type Role } from '@hb/kit';

/**
 * `POST /dev/token` lets the admin UI's development sign-in pick a demo user. It mints any
 * role, so it exists only when the development issuer is explicitly enabled (`DEV_ISSUER=1`),
 * never in production and never beside an external OIDC issuer: a real deployment signs in
 * through its OIDC provider.
 */
export function devTokenEnabled(config: Config): boolean {
  return config.DEV_ISSUER && !config.OIDC_JWKS_URL && config.NODE_ENV !== 'production';
}

interface DevTokenRequest {
  role?: unknown;
  sub?: unknown;
  municipalities?: unknown;
  organiserId?: unknown;
  clientId?: unknown;
  providerId?: unknown;
  scopes?: unknown;
  name?: unknown;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length <= 200 ? v : undefined;
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.length <= 50 && v.every((x) => typeof x === 'string' && x.length <= 50)
    ? (v as string[])
    : undefined;

export function handleDevToken(
  config: Config,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'Use POST.' });
    return;
  }
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
    if (body.length > 10_000) req.destroy();
  });
  req.on('end', () => {
    let input: DevTokenRequest;
    try {
      input = JSON.parse(body) as DevTokenRequest;
    } catch {
      sendJson(res, 400, { error: 'Body must be JSON.' });
      return;
    }
    const role = input.role as Role;
    const sub = str(input.sub);
    if (!ROLES.includes(role) || !sub) {
      sendJson(res, 400, { error: `role must be one of ${ROLES.join(', ')} and sub is required.` });
      return;
    }
    const clientId = str(input.clientId);
    const organiserId = str(input.organiserId);
    const providerId = str(input.providerId);
    const scopes = strings(input.scopes);
    const name = str(input.name);
    signDevToken(config.DATA_DIR, {
      sub,
      role,
      municipalities: strings(input.municipalities) ?? [],
      ...(organiserId ? { organiserId } : {}),
      ...(clientId ? { clientId } : {}),
      ...(providerId ? { providerId } : {}),
      ...(scopes ? { scopes } : {}),
      ...(name ? { name } : {}),
    }).then(
      (token) => sendJson(res, 200, { token }),
      () => sendJson(res, 500, { error: 'Could not sign a token.' }),
    );
  });
}
