import type { Principal } from '@hb/kit';
import type { ConsentScope } from '../consent/consent-scope';

/** The parts of a client record that authorization decisions look at. */
export interface ClientScope {
  id: string;
  municipalityCode: string;
}

/**
 * A team member's standing with one client, as the database says today. The token only names
 * the client; whether its subject is still on her team, and what she has consented to, is
 * looked up per request.
 */
export interface TeamStanding {
  /** The subject is a current (not removed) member of the client's team. */
  member: boolean;
  /** What the member's consents in force today cover; empty when none is in force. */
  consentScopes: readonly ConsentScope[];
}

/** The standing of anyone who is not a current member of the team. */
export const NO_STANDING: TeamStanding = { member: false, consentScopes: [] };

/** What of the team list a caller sees: all of it, her own entry, or nothing. */
export type TeamView = 'ALL' | 'SELF' | 'NONE';

/**
 * Who may read and change client records in this subgraph (deny by default). Pure, so that
 * the authorization matrix is tested without a server.
 * - Advisers and own workers: clients of the municipalities their token names.
 * - A client: only themselves.
 * - A team member: nothing unless she is a current member of the team of the client her token
 *   names. Then she sees that she belongs to it (the client's id and her own team entry); the
 *   basic details need a consent in force, budget and plan the matching consent scope
 *   (decided where they live, from `myConsentScopes`).
 * - Municipal systems: clients of their municipality, with the `clients:read` scope.
 * - Organiser staff and providers: no free reading of client records.
 */
export const clientAccess = {
  /** Whether the caller may know of this client at all: its id and what {@link teamView} allows. */
  canSee(p: Principal | null, c: ClientScope, standing: TeamStanding = NO_STANDING): boolean {
    if (p?.role === 'TEAM_MEMBER') return p.clientId === c.id && standing.member;
    return clientAccess.canRead(p, c, standing);
  },

  /** The basic details: name, birth date, municipality, process phase, own worker, adviser. */
  canRead(p: Principal | null, c: ClientScope, standing: TeamStanding = NO_STANDING): boolean {
    if (!p) return false;
    switch (p.role) {
      case 'ADVISER':
      case 'WORKER':
        return p.municipalities.includes(c.municipalityCode);
      case 'MUNICIPAL_SYSTEM':
        return p.scopes.includes('clients:read') && p.municipalities.includes(c.municipalityCode);
      case 'CLIENT':
        return p.clientId === c.id;
      case 'TEAM_MEMBER':
        return p.clientId === c.id && standing.member && standing.consentScopes.length > 0;
      default:
        return false;
    }
  },

  /** The team list: private readers see all of it, a current member only her own entry. */
  teamView(p: Principal | null, c: ClientScope, standing: TeamStanding = NO_STANDING): TeamView {
    if (clientAccess.canReadPrivate(p, c)) return 'ALL';
    if (p?.role === 'TEAM_MEMBER' && clientAccess.canSee(p, c, standing)) return 'SELF';
    return 'NONE';
  },

  /** Team, consents and the access log: not for team members or systems. */
  canReadPrivate(p: Principal | null, c: ClientScope): boolean {
    if (!p) return false;
    if (p.role === 'CLIENT') return p.clientId === c.id;
    return (
      (p.role === 'ADVISER' || p.role === 'WORKER') && p.municipalities.includes(c.municipalityCode)
    );
  },

  /** Municipalities whose client lists this principal may browse (empty: none). */
  listableMunicipalities(p: Principal | null): string[] {
    if (!p) return [];
    if (p.role === 'ADVISER' || p.role === 'WORKER') return p.municipalities;
    if (p.role === 'MUNICIPAL_SYSTEM' && p.scopes.includes('clients:read')) return p.municipalities;
    return [];
  },

  /** Creating clients, changing the team and the process phase: the HB centre and own workers. */
  canManage(p: Principal | null, municipalityCode: string): boolean {
    return (
      !!p &&
      (p.role === 'ADVISER' || p.role === 'WORKER') &&
      p.municipalities.includes(municipalityCode)
    );
  },

  /** Consents are the client's own decision; staff may record it on the client's behalf. */
  canManageConsents(p: Principal | null, c: ClientScope): boolean {
    if (!p) return false;
    if (p.role === 'CLIENT') return p.clientId === c.id;
    return clientAccess.canManage(p, c.municipalityCode);
  },

  /**
   * The team ("minun tiimini") is chosen by the client: she adds and removes members herself;
   * staff may do it on her behalf. A team member never changes the team.
   */
  canManageTeam(p: Principal | null, c: ClientScope): boolean {
    return clientAccess.canManageConsents(p, c);
  },
};
