import type { Principal } from '@hb/kit';
import { budgetAccess, type BudgetScope, type ReadDecision } from '../budget/budget-access.policy';

/**
 * Who may do what with expenses of financial support (deny by default). Pure.
 * - Submitting: the client herself, or a team member with the client's BUDGET consent in force
 *   (the same people who confirm charges).
 * - Deciding: the client's own worker or HB adviser (WORKER/ADVISER of her municipality).
 * - Reading an expense and its receipt: those two groups; nobody else (no provider, organiser
 *   or municipal system: a receipt can say more about a person than any budget figure).
 * - The account it is paid to: the client herself and staff, not her team.
 */
export const expenseAccess = {
  submit(p: Principal | null, b: BudgetScope): ReadDecision {
    return budgetAccess.confirm(p, b);
  },

  isSubmitterRole(p: Principal | null): boolean {
    return p?.role === 'CLIENT' || p?.role === 'TEAM_MEMBER';
  },

  decide(p: Principal | null, b: BudgetScope): boolean {
    return budgetAccess.canDecide(p, b.municipalityCode);
  },

  isDeciderRole(p: Principal | null): boolean {
    return p?.role === 'WORKER' || p?.role === 'ADVISER';
  },

  read(p: Principal | null, b: BudgetScope): ReadDecision {
    if (expenseAccess.decide(p, b)) return 'ALLOW';
    return budgetAccess.confirm(p, b);
  },

  seesAccount(p: Principal | null, b: BudgetScope): boolean {
    return (p?.role === 'CLIENT' && p.clientId === b.clientId) || expenseAccess.decide(p, b);
  },
};
