import type { Principal } from '@hb/kit';

/** The parts of a client record that authorization decisions look at. */
export interface ClientScope {
  id: string;
  municipalityCode: string;
}

/**
 * Who may read and change client records in this subgraph (deny by default). Pure, so that
 * the authorization matrix is tested without a server.
 * - Advisers and own workers: clients of the municipalities their token names.
 * - A client: only themselves. A team member: the basic details of the client whose team
 *   they are in (budget and plan need the client's consent and are decided where they live).
 * - Municipal systems: clients of their municipality, with the `clients:read` scope.
 * - Organiser staff and providers: no free reading of client records.
 */
export const clientAccess = {
  canRead(p: Principal | null, c: ClientScope): boolean {
    if (!p) return false;
    switch (p.role) {
      case 'ADVISER':
      case 'WORKER':
        return p.municipalities.includes(c.municipalityCode);
      case 'MUNICIPAL_SYSTEM':
        return p.scopes.includes('clients:read') && p.municipalities.includes(c.municipalityCode);
      case 'CLIENT':
      case 'TEAM_MEMBER':
        return p.clientId === c.id;
      default:
        return false;
    }
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
};
