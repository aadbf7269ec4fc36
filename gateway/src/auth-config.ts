import type http from 'node:http';
import { sendJson, type Config } from '@hb/kit';
import { devTokenEnabled } from './dev-token';

/** What the admin UI needs to know to sign a person in (`GET /auth/config`). */
export interface AuthConfig {
  /** The OpenID provider to sign in at (authorization code + PKCE), or null when none. */
  oidc: { issuer: string; clientId: string; scope: string } | null;
  /** Whether the development sign-in (`POST /dev/token`) is on. */
  devSignIn: boolean;
}

export function authConfig(config: Config): AuthConfig {
  const issuer = config.OIDC_JWKS_URL ? config.OIDC_ISSUER : undefined;
  return {
    oidc:
      issuer && config.OIDC_UI_CLIENT_ID
        ? { issuer, clientId: config.OIDC_UI_CLIENT_ID, scope: config.OIDC_UI_SCOPE }
        : null,
    devSignIn: devTokenEnabled(config),
  };
}

/**
 * Origins the admin UI's scripts may call besides its own: the OpenID provider, whose
 * discovery document and token endpoint the browser reads while signing in.
 */
export function signInOrigins(config: Config): string[] {
  const oidc = authConfig(config).oidc;
  return oidc ? [new URL(oidc.issuer).origin] : [];
}

export function handleAuthConfig(config: Config, res: http.ServerResponse): void {
  sendJson(res, 200, authConfig(config));
}
