import { actsForOrganiser, type Principal } from '@hb/kit';

/** The parts of a budget that authorization looks at. */
export interface BudgetScope {
  clientId: string;
  municipalityCode: string;
}

/** A read decision: team members additionally need the client's BUDGET consent. */
export type ReadDecision = 'ALLOW' | 'DENY' | 'NEEDS_BUDGET_CONSENT';

/**
 * Who may do what with budgets (deny by default). Pure, so the matrix is tested without a
 * database.
 * - Advisers and own workers: budgets of clients in the municipalities their token names; they
 *   decide budgets and may record a provider's invoice on its behalf.
 * - A client: their own budgets; confirms and rejects charges.
 * - A team member: the budgets of the client whose team they are in, only with the client's
 *   BUDGET consent in force (asked from the clients subgraph); may confirm and reject then.
 * - A provider: records charges under its own provider id and sees only its own transactions;
 *   it never reads a client's budget.
 * - Organiser staff: class prices and year end for their municipalities; no individual budgets.
 * - Municipal systems: budgets of their municipality with the `budgets:read` scope.
 */
export const budgetAccess = {
  read(p: Principal | null, b: BudgetScope): ReadDecision {
    if (!p) return 'DENY';
    switch (p.role) {
      case 'ADVISER':
      case 'WORKER':
        return p.municipalities.includes(b.municipalityCode) ? 'ALLOW' : 'DENY';
      case 'MUNICIPAL_SYSTEM':
        return p.scopes.includes('budgets:read') && p.municipalities.includes(b.municipalityCode)
          ? 'ALLOW'
          : 'DENY';
      case 'CLIENT':
        return p.clientId === b.clientId ? 'ALLOW' : 'DENY';
      case 'TEAM_MEMBER':
        return p.clientId === b.clientId ? 'NEEDS_BUDGET_CONSENT' : 'DENY';
      default:
        return 'DENY';
    }
  },

  /**
   * Whether this principal could read some budget of this client at all; used where there is no
   * budget row to judge (an empty `Client.budgets`), so that "no budgets" is not told to anyone.
   * A team member needs the BUDGET consent here too: without it (or when she is no longer on
   * the team) even an empty list is refused.
   */
  couldReadClient(p: Principal | null, clientId: string): ReadDecision {
    if (!p) return 'DENY';
    switch (p.role) {
      case 'ADVISER':
      case 'WORKER':
        return p.municipalities.length > 0 ? 'ALLOW' : 'DENY';
      case 'MUNICIPAL_SYSTEM':
        return p.scopes.includes('budgets:read') && p.municipalities.length > 0 ? 'ALLOW' : 'DENY';
      case 'CLIENT':
        return p.clientId === clientId ? 'ALLOW' : 'DENY';
      case 'TEAM_MEMBER':
        return p.clientId === clientId ? 'NEEDS_BUDGET_CONSENT' : 'DENY';
      default:
        return 'DENY';
    }
  },

  /** Deciding and re-assessing budgets: HB advisers and own workers of the municipality. */
  canDecide(p: Principal | null, municipalityCode: string): boolean {
    return (
      !!p &&
      (p.role === 'ADVISER' || p.role === 'WORKER') &&
      p.municipalities.includes(municipalityCode)
    );
  },

  /** Recording a charge: the provider itself, or the HB centre / worker on its behalf. */
  canRecordCharge(p: Principal | null, b: BudgetScope, providerId: string): boolean {
    if (!p) return false;
    if (p.role === 'PROVIDER') return !!p.providerId && p.providerId === providerId;
    return budgetAccess.canDecide(p, b.municipalityCode);
  },

  /** Confirming or rejecting a charge: the client, or a team member with BUDGET consent. */
  confirm(p: Principal | null, b: BudgetScope): ReadDecision {
    if (!p) return 'DENY';
    if (p.role === 'CLIENT') return p.clientId === b.clientId ? 'ALLOW' : 'DENY';
    if (p.role === 'TEAM_MEMBER')
      return p.clientId === b.clientId ? 'NEEDS_BUDGET_CONSENT' : 'DENY';
    return 'DENY';
  },

  /** Class prices and closing a year: organiser staff of the municipality. */
  canManageMunicipality(p: Principal | null, municipalityCode: string): boolean {
    return !!p && p.role === 'ORGANISER' && p.municipalities.includes(municipalityCode);
  },

  /**
   * An organiser-wide decision (a class value for all its municipalities): organiser staff who
   * act for the whole organiser, not staff of one of its municipalities.
   */
  canManageOrganiser(p: Principal | null, organiserId: string): boolean {
    return !!p && p.role === 'ORGANISER' && actsForOrganiser(p, organiserId);
  },

  /** A provider sees only its own transactions; others see what the budget read allows. */
  transactionVisible(p: Principal | null, tx: { providerId: string | null }): boolean {
    if (!p) return false;
    if (p.role === 'PROVIDER') return !!p.providerId && tx.providerId === p.providerId;
    return true;
  },
};
