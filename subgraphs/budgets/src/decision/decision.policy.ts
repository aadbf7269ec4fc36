import type { Principal } from '@hb/kit';
import { budgetAccess, type BudgetScope, type ReadDecision } from '../budget/budget-access.policy';

/**
 * Who may do what with decisions (deny by default). Pure.
 * - Reading a decision and its document: whoever may read the budget — the client herself, a
 *   team member with the client's BUDGET consent in force, advisers and own workers of the
 *   client's municipality, a municipal system with `budgets:read`. Organiser staff and
 *   providers never read an individual decision.
 * - Filing an appeal (oikaisuvaatimus): the client, or a team member with her BUDGET consent.
 * - Handling and deciding an appeal, ending a budget: advisers and own workers of the client's
 *   municipality (those who decide budgets).
 */
export const decisionAccess = {
  read(p: Principal | null, d: BudgetScope): ReadDecision {
    return budgetAccess.read(p, d);
  },

  fileAppeal(p: Principal | null, d: BudgetScope): ReadDecision {
    if (!p) return 'DENY';
    if (p.role === 'CLIENT') return p.clientId === d.clientId ? 'ALLOW' : 'DENY';
    if (p.role === 'TEAM_MEMBER')
      return p.clientId === d.clientId ? 'NEEDS_BUDGET_CONSENT' : 'DENY';
    return 'DENY';
  },

  handleAppeal(p: Principal | null, d: BudgetScope): boolean {
    return budgetAccess.canDecide(p, d.municipalityCode);
  },

  endBudget(p: Principal | null, d: BudgetScope): boolean {
    return budgetAccess.canDecide(p, d.municipalityCode);
  },
};
