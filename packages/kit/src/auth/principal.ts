/** The roles of CONTRACT.md ("Development tokens"). */
export const ROLES = [
  'ADVISER',
  'WORKER',
  'ORGANISER',
  'CLIENT',
  'TEAM_MEMBER',
  'PROVIDER',
  'MUNICIPAL_SYSTEM',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified token. */
export interface Principal {
  /** Subject: a staff member's, client's or team member's id, or a system's client id. */
  sub: string;
  role: Role;
  /**
   * Municipality codes this principal acts for (workers, advisers, organisers, systems). For a
   * token scoped to an organiser, the organiser's municipalities (packages/kit/src/organiser).
   */
  municipalities: string[];
  /** For ORGANISER and MUNICIPAL_SYSTEM tokens scoped to an organiser: its id (`hb_organiser`). */
  organiserId?: string | null;
  /** For CLIENT: their own client id. For TEAM_MEMBER: the client whose team they are in. */
  clientId: string | null;
  /** For PROVIDER: the provider organisation. */
  providerId: string | null;
  /** OAuth scopes, e.g. `reports:read` for municipal systems. */
  scopes: string[];
  /** Display name, for logs and the UI. */
  name: string | null;
  /** The organisation acting: a provider id, the organiser id or the first municipality code. */
  organisation: string | null;
}

/** Custom claims carried by HB tokens (namespaced to avoid clashing with OIDC claims). */
export const CLAIMS = {
  role: 'hb_role',
  municipalities: 'hb_municipalities',
  client: 'hb_client',
  provider: 'hb_provider',
  organiser: 'hb_organiser',
} as const;
