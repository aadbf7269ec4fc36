import type { EntityManager } from 'typeorm';
import type { BudgetsStores } from '../shared/stores';
import type { BudgetRow } from './budget.store';

/**
 * Pays every unpaid instalment of `budget` due by `today`: an INSTALMENT transaction each, inside
 * the caller's transaction (which holds the budget's row lock). The daily job and a decision
 * (whose re-planned instalments may already be due) both pay this way.
 */
export async function payDueInstalments(
  stores: BudgetsStores,
  m: EntityManager,
  budget: BudgetRow,
  today: string,
  by: string,
): Promise<number> {
  const due = (await stores.budgets.instalments([budget.id], m)).filter(
    (i) => !i.paidTransactionId && i.dueDate <= today && i.amountCents > 0,
  );
  for (const instalment of due) {
    const tx = await stores.ledger.insert(m, {
      budgetId: budget.id,
      kind: 'INSTALMENT',
      amountCents: instalment.amountCents,
      status: 'CONFIRMED',
      createdBy: by,
      description: `Erä ${instalment.firstMonth}–${instalment.lastMonth}/${budget.year}`,
    });
    await stores.budgets.applyBalance(m, budget.id, { paidOut: instalment.amountCents });
    await stores.budgets.markInstalmentPaid(m, instalment.id, tx.id);
    await stores.budgets.insertEvent(m, {
      budgetId: budget.id,
      clientId: budget.clientId,
      change: 'INSTALMENT_PAID',
      kind: 'INSTALMENT',
      transactionId: tx.id,
    });
  }
  return due.length;
}
