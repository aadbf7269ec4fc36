import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

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
}

const STORAGE_KEY = 'hb.session';

interface Auth {
  session: Session | null;
  signIn(request: DevTokenRequest): Promise<void>;
  signOut(): void;
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
  const signIn = useCallback(async (request: DevTokenRequest) => {
    const token = await requestDevToken(request);
    const next: Session = {
      token,
      role: request.role,
      name: request.name ?? request.sub,
      ...(request.clientId ? { clientId: request.clientId } : {}),
      ...(request.providerId ? { providerId: request.providerId } : {}),
    };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
