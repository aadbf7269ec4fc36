import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

/** The demo world's people (packages/kit/src/demo.ts), for the development sign-in. */
export const DEMO = {
  essiClientId: '00000000-0000-4000-8000-000000000e55',
  essiTeamMemberId: '00000000-0000-4000-8000-0000000000a1',
  adviserId: '00000000-0000-4000-8000-00000000ad01',
  workerId: '00000000-0000-4000-8000-00000000a001',
  organiserId: '00000000-0000-4000-8000-00000000a0a0',
  providerId: '00000000-0000-4000-8000-0000000b0001',
  tampere: '837',
  pirkanmaa: [
    '020',
    '108',
    '143',
    '177',
    '211',
    '250',
    '291',
    '418',
    '508',
    '536',
    '562',
    '581',
    '604',
    '619',
    '635',
    '702',
    '790',
    '837',
    '887',
    '908',
    '922',
    '936',
    '980',
  ],
} as const;

export type Role = 'ADVISER' | 'WORKER' | 'ORGANISER' | 'CLIENT' | 'TEAM_MEMBER' | 'PROVIDER';

/** The body of `POST /dev/token`. */
export interface DevTokenRequest {
  role: Role;
  sub: string;
  name?: string;
  municipalities?: string[];
  clientId?: string;
  providerId?: string;
}

export const DEMO_USERS: Record<Role, DevTokenRequest> = {
  ADVISER: {
    role: 'ADVISER',
    sub: DEMO.adviserId,
    name: 'Hanna Neuvonen',
    municipalities: [...DEMO.pirkanmaa],
  },
  WORKER: {
    role: 'WORKER',
    sub: DEMO.workerId,
    name: 'Olli Omatyö',
    municipalities: [DEMO.tampere],
  },
  ORGANISER: {
    role: 'ORGANISER',
    sub: DEMO.organiserId,
    name: 'Jaana Järjestäjä',
    municipalities: [DEMO.tampere],
  },
  CLIENT: {
    role: 'CLIENT',
    sub: DEMO.essiClientId,
    name: 'Essi Esimerkki',
    clientId: DEMO.essiClientId,
  },
  TEAM_MEMBER: {
    role: 'TEAM_MEMBER',
    sub: DEMO.essiTeamMemberId,
    name: 'Marja Esimerkki',
    clientId: DEMO.essiClientId,
  },
  PROVIDER: {
    role: 'PROVIDER',
    sub: `user-${DEMO.providerId}`,
    name: 'Palveluntuottaja',
    providerId: DEMO.providerId,
  },
};

/** Where each role starts after signing in. */
export function homePath(role: Role | undefined): string {
  switch (role) {
    case undefined:
      return '/providers';
    case 'ORGANISER':
      return '/approvals';
    case 'PROVIDER':
      return '/charge';
    case 'CLIENT':
    case 'TEAM_MEMBER':
      return '/me';
    case 'ADVISER':
    case 'WORKER':
      // Their working day starts from whom needs attention first (issue 17 item 1).
      return '/caseload';
    default:
      return '/clients';
  }
}

export interface Session {
  token: string;
  role: Role;
  name: string;
  clientId?: string;
  providerId?: string;
  /** Municipality codes the person acts for (`hb_municipalities`). */
  municipalities?: string[];
  /** The organiser (wellbeing services county) an organiser's token acts for (`hb_organiser`). */
  organiserId?: string;
  /** The OpenID provider's ID token, when signed in there (for signing out there too). */
  idToken?: string;
}

const STORAGE_KEY = 'hb.session';
/** Set while a sign-out travels through the OpenID provider, to say so on return. */
const SIGNED_OUT_KEY = 'hb.signedOut';

/** The gateway's `GET /auth/config`: where and how this deployment signs people in. */
export interface AuthConfig {
  oidc: { issuer: string; clientId: string; scope: string } | null;
  devSignIn: boolean;
}

interface Auth {
  session: Session | null;
  /** Null until `/auth/config` has answered. */
  config: AuthConfig | null;
  configError: string | null;
  /** The development sign-in (`POST /dev/token`). */
  signIn: (request: DevTokenRequest) => Promise<void>;
  /** Leaves for the OpenID provider; the browser comes back at `/auth/callback`. */
  signInWithProvider: (returnTo?: string) => Promise<void>;
  /** Finishes the provider's sign-in at `/auth/callback`; resolves where to go next. */
  completeSignIn: () => Promise<string>;
  signOut: () => void;
}

const AuthContext = createContext<Auth | null>(null);

function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return tokenExpired(session.token) ? null : session;
  } catch {
    return null;
  }
}

function tokenExpired(token: string): boolean {
  try {
    const payload = JSON.parse(
      atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')),
    ) as {
      exp?: number;
    };
    return typeof payload.exp === 'number' && payload.exp * 1000 < Date.now();
  } catch {
    return false;
  }
}

/** Reads a JWT's claims without verifying them: the gateway verifies, the UI only displays. */
function claimsOf(token: string): Record<string, unknown> {
  const part = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(
    Array.from(atob(part), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

const UI_ROLES: readonly Role[] = Object.keys(DEMO_USERS) as Role[];

/** A session from the provider's access token, whose claims are the platform's own. */
function sessionFromTokens(accessToken: string, idToken: string | undefined): Session {
  const claims = claimsOf(accessToken);
  const role = claims.hb_role as Role;
  if (!UI_ROLES.includes(role)) throw new Error('This account has no role in the admin UI.');
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const clientId = str(claims.hb_client);
  const providerId = str(claims.hb_provider);
  const organiserId = str(claims.hb_organiser);
  const municipalities = Array.isArray(claims.hb_municipalities)
    ? claims.hb_municipalities.filter((m): m is string => typeof m === 'string')
    : [];
  return {
    token: accessToken,
    role,
    name: str(claims.name) ?? str(claims.sub) ?? role,
    municipalities,
    ...(clientId ? { clientId } : {}),
    ...(providerId ? { providerId } : {}),
    ...(organiserId ? { organiserId } : {}),
    ...(idToken ? { idToken } : {}),
  };
}

let configRequest: Promise<AuthConfig> | null = null;

function loadAuthConfig(): Promise<AuthConfig> {
  configRequest ??= fetch('/auth/config').then(async (res) => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as AuthConfig;
  });
  return configRequest;
}

/**
 * oidc-client-ts does the browser's part of the authorization code flow with PKCE (state,
 * nonce, verifier, code exchange) against any certified provider, so the UI holds no
 * protocol code of its own; the tokens stay in this tab's session storage as before.
 * (openid-client would do the exchange on a server, which would then have to keep a session
 * for the browser; the API takes bearer tokens, so the browser is the natural client.)
 */
function userManager(oidc: NonNullable<AuthConfig['oidc']>): UserManager {
  return new UserManager({
    authority: oidc.issuer,
    client_id: oidc.clientId,
    redirect_uri: `${window.location.origin}/auth/callback`,
    post_logout_redirect_uri: `${window.location.origin}/sign-in`,
    response_type: 'code',
    scope: oidc.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  });
}

/** The callback is finished once even when React runs effects twice. */
const callbacks = new Map<string, Promise<{ session: Session; returnTo: string | undefined }>>();

/** Asks the gateway's development issuer for a token (only on while no OIDC issuer is set). */
export async function requestDevToken(request: DevTokenRequest): Promise<string> {
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await res.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!res.ok || !body.token) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body.token;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  useEffect(() => {
    loadAuthConfig().then(setConfig, (err: unknown) =>
      setConfigError(err instanceof Error ? err.message : String(err)),
    );
  }, []);
  // A token is not renewed: when it expires the person signs in again (at the provider this
  // is one step while its own session lasts).
  useEffect(() => {
    if (!session) return undefined;
    const exp = claimsOf(session.token).exp;
    if (typeof exp !== 'number') return undefined;
    const timer = setTimeout(
      () => {
        sessionStorage.removeItem(STORAGE_KEY);
        setSession(null);
      },
      Math.max(0, exp * 1000 - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [session]);
  const signInWithProvider = useCallback(
    async (returnTo?: string) => {
      if (!config?.oidc) throw new Error('No OpenID provider is configured.');
      await userManager(config.oidc).signinRedirect({ state: { returnTo } });
    },
    [config],
  );
  const completeSignIn = useCallback(async () => {
    const oidc = (await loadAuthConfig()).oidc;
    if (!oidc) throw new Error('No OpenID provider is configured.');
    const url = window.location.href;
    let done = callbacks.get(url);
    if (!done) {
      done = (async () => {
        const manager = userManager(oidc);
        const user = await manager.signinRedirectCallback(url);
        await manager.removeUser();
        const state = (user.state ?? {}) as { returnTo?: string };
        return {
          session: sessionFromTokens(user.access_token, user.id_token),
          returnTo: state.returnTo,
        };
      })();
      callbacks.set(url, done);
    }
    const { session: next, returnTo } = await done;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    setSession(next);
    return returnTo ?? homePath(next.role);
  }, []);
  const signIn = useCallback(async (request: DevTokenRequest) => {
    const token = await requestDevToken(request);
    const next: Session = {
      token,
      role: request.role,
      name: request.name ?? request.sub,
      municipalities: request.municipalities ?? [],
      ...(request.clientId ? { clientId: request.clientId } : {}),
      ...(request.providerId ? { providerId: request.providerId } : {}),
    };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    const idToken = session?.idToken;
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
    // Signed in at the provider: end its session too, or the next sign-in would skip it.
    if (idToken && config?.oidc) {
      sessionStorage.setItem(SIGNED_OUT_KEY, '1');
      void userManager(config.oidc).signoutRedirect({ id_token_hint: idToken });
    }
  }, [session, config]);
  const value = useMemo(
    () => ({
      session,
      config,
      configError,
      signIn,
      signInWithProvider,
      completeSignIn,
      signOut,
    }),
    [session, config, configError, signIn, signInWithProvider, completeSignIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/**
 * Whether this tab signed out at the provider since its last sign-in (the sign-in page is
 * shown both before the browser leaves for the provider and after it comes back).
 */
export function signedOutAtProvider(): boolean {
  return sessionStorage.getItem(SIGNED_OUT_KEY) === '1';
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
