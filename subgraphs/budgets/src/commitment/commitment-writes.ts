import { UserError } from '@hb/kit';
import type { EntityManager } from 'typeorm';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { PayeeProvider } from '../domain';
import type { BudgetService } from '../budget/budget.service';
import type { BalanceRow, BudgetRow } from '../budget/budget.store';
import type { ProviderFacts } from '../remote/remote-services';

/** What issuing, cancelling and plan commitments share: errors, locks, forgetting caches. */

export const asPayee = (p: ProviderFacts): PayeeProvider => ({
  kind: p.kind,
  approvalStatus: p.approvalStatus,
  municipalitiesServed: p.municipalitiesServed ?? [],
  offerings: p.offerings ?? [],
});

/** Thrown inside a transaction to roll every write of it back and answer with these errors. */
export class Refused extends Error {
  constructor(readonly errors: UserError[]) {
    super('refused');
  }
}

/**
 * Locks budgets and then their balance rows, in id order (LOCK ORDER in ledger.service.ts).
 */
export async function lockBudgets(
  stores: BudgetsStores,
  m: EntityManager,
  ids: readonly string[],
): Promise<[BudgetRow[], BalanceRow[]]> {
  const sorted = [...ids].sort();
  const budgets: BudgetRow[] = [];
  for (const id of sorted) {
    const b = await stores.budgets.lockBudget(m, id);
    if (b) budgets.push(b);
  }
  const balances: BalanceRow[] = [];
  for (const id of sorted) {
    const bal = await stores.budgets.lockBalance(m, id);
    if (bal) balances.push(bal);
  }
  return [budgets, balances];
}

/** Forgets the cached rows of a budget whose commitments changed. */
export function forgetCommitmentsOf(
  budgets: BudgetService,
  loaders: BudgetsLoaders,
  budget: BudgetRow,
): void {
  budgets.forget(budget.id);
  loaders.commitmentsOfBudget.clear(budget.id);
  loaders.chargedOnCommitments.clear(budget.id);
}
