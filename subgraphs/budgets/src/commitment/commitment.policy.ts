import type { Principal } from '@hb/kit';
import { budgetAccess, type BudgetScope } from '../budget/budget-access.policy';

/** What authorization looks at in a commitment. */
export interface CommitmentScope extends BudgetScope {
  providerId: string | null;
}

/**
 * Who may do what with payment commitments (deny by default). Pure.
 * - Issuing and cancelling: the client's own worker or HB adviser (WORKER/ADVISER of the
 *   client's municipality): the decision to commit money, and any discretion, is staff's.
 * - Reading one: whoever may read its budget (client, team member with consent, staff, the
 *   municipal system), and its payee provider — which sees only the client's first name and
 *   the budget year of it (see {@link commitmentAccess.seesClientDetails}).
 * - A provider's own lists (`myCommitments`, `myCharges`): a provider user only.
 */
export const commitmentAccess = {
  canIssue(p: Principal | null, b: BudgetScope): boolean {
    return budgetAccess.canDecide(p, b.municipalityCode);
  },

  /** Read through the budget's rules; a payee provider reads its own. */
  read(p: Principal | null, c: CommitmentScope): 'ALLOW' | 'DENY' | 'NEEDS_BUDGET_CONSENT' {
    if (p?.role === 'PROVIDER') return commitmentAccess.isPayee(p, c) ? 'ALLOW' : 'DENY';
    return budgetAccess.read(p, c);
  },

  isPayee(p: Principal | null, c: { providerId: string | null }): boolean {
    return !!p && p.role === 'PROVIDER' && !!p.providerId && p.providerId === c.providerId;
  },

  /** Staff's reasons and the link to the budget are not the provider's business. */
  seesClientDetails(p: Principal | null): boolean {
    return !!p && p.role !== 'PROVIDER';
  },

  /** The provider's own lists. */
  providerOf(p: Principal | null): string | null {
    return p?.role === 'PROVIDER' && p.providerId ? p.providerId : null;
  },
};
