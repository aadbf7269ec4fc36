import type { Principal } from '@hb/kit';

/** The parts of a plan that authorization decisions look at. */
export interface PlanScope {
  clientId: string;
  municipalityCode: string;
}

/**
 * Who may see and change implementation plans (deny by default). Pure, so that the matrix
 * is tested without a server; consent is looked up by the service and passed in.
 * - Advisers and own workers: plans of clients of the municipalities their token names.
 * - A client: their own plans; they accept them.
 * - A team member: the plans of the client whose team they are in, only with PLAN consent;
 *   feedback with any consent in force. The clients subgraph answers consent scopes only for
 *   current members, so a removed member or a stranger has none.
 * - A provider: no plan contents, only the allocations that name their organisation.
 * - Organiser staff and systems: none of the plan contents.
 */
export const planAccess = {
  isStaffFor(p: Principal | null, municipalityCode: string): boolean {
    return (
      !!p &&
      (p.role === 'ADVISER' || p.role === 'WORKER') &&
      p.municipalities.includes(municipalityCode)
    );
  },

  /** Whether a team member's consent matters for this principal and plan (so it is worth asking). */
  needsConsent(p: Principal | null, plan: Pick<PlanScope, 'clientId'>): boolean {
    return !!p && p.role === 'TEAM_MEMBER' && p.clientId === plan.clientId;
  },

  canRead(p: Principal | null, plan: PlanScope, hasPlanConsent = false): boolean {
    if (!p) return false;
    switch (p.role) {
      case 'ADVISER':
      case 'WORKER':
        return p.municipalities.includes(plan.municipalityCode);
      case 'CLIENT':
        return p.clientId === plan.clientId;
      case 'TEAM_MEMBER':
        return p.clientId === plan.clientId && hasPlanConsent;
      default:
        return false;
    }
  },

  /** One allocation: plan readers, and the provider the allocation names. */
  canReadAllocation(
    p: Principal | null,
    plan: PlanScope,
    allocation: { providerId: string | null },
    hasPlanConsent = false,
  ): boolean {
    if (!p) return false;
    if (p.role === 'PROVIDER') return !!p.providerId && p.providerId === allocation.providerId;
    return planAccess.canRead(p, plan, hasPlanConsent);
  },

  /** Drafting and changing plans, setting allocations, recording goal reviews: staff. */
  canEdit(p: Principal | null, plan: PlanScope): boolean {
    return planAccess.isStaffFor(p, plan.municipalityCode);
  },

  /** Acceptance is the client's own; staff may record it on the client's behalf. */
  canAccept(p: Principal | null, plan: PlanScope): boolean {
    if (!p) return false;
    if (p.role === 'CLIENT') return p.clientId === plan.clientId;
    return planAccess.isStaffFor(p, plan.municipalityCode);
  },

  /** The client chooses providers; staff may record the switch. */
  canSwitchProvider(p: Principal | null, plan: PlanScope): boolean {
    return planAccess.canAccept(p, plan);
  },

  /**
   * The client, or a current member of their team with a consent in force, gives feedback
   * (anonymous). `memberConsentScopes` is the clients subgraph's answer for the calling team
   * member, empty unless she is on the team today with a consent in force.
   */
  canGiveFeedback(
    p: Principal | null,
    clientId: string,
    memberConsentScopes: readonly string[] = [],
  ): boolean {
    if (!p || p.clientId !== clientId) return false;
    if (p.role === 'CLIENT') return true;
    return p.role === 'TEAM_MEMBER' && memberConsentScopes.length > 0;
  },
};
