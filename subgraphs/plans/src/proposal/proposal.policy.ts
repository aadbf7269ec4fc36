import type { Principal } from '@hb/kit';

/**
 * Who may write and read a client's proposal (deny by default). Pure; the service looks up
 * consent and the client's municipality and passes them in.
 * - The client writes and submits her own; a member of her team with PLAN consent may too.
 * - Advisers and own workers of her municipality read it once she has submitted it: it is the
 *   start of the plan, and a draft is hers until she says it is ready.
 * - Providers, organiser staff and systems: never.
 */
export const proposalAccess = {
  canWrite(p: Principal | null, clientId: string, hasPlanConsent: boolean): boolean {
    if (!p || p.clientId !== clientId) return false;
    if (p.role === 'CLIENT') return true;
    return p.role === 'TEAM_MEMBER' && hasPlanConsent;
  },

  canRead(
    p: Principal | null,
    proposal: { clientId: string; submitted: boolean },
    municipalityCode: string | null,
    hasPlanConsent: boolean,
  ): boolean {
    if (!p) return false;
    if (p.role === 'ADVISER' || p.role === 'WORKER')
      return (
        proposal.submitted && !!municipalityCode && p.municipalities.includes(municipalityCode)
      );
    return proposalAccess.canWrite(p, proposal.clientId, hasPlanConsent);
  },
};
