import DataLoader from 'dataloader';
import { groupByKeys, byKeys, present } from '@hb/kit';
import type { HbClassRow, ServiceTypeRow } from '../service-type/catalog.store';
import type { BalanceRow, BudgetRow, InstalmentRow } from '../budget/budget.store';
import type { TransactionRow } from '../ledger/ledger.store';
import type { AlertRow } from '../alert/alert.store';
import type { CommitmentRow } from '../commitment/commitment.store';
import type { ExpenseRow } from '../expense/expense.store';
import type { BudgetsStores } from './stores';

/** Per-request batching: every list field and reference resolver goes through these. */
export function createLoaders(stores: BudgetsStores) {
  return {
    budget: new DataLoader<string, BudgetRow | null>(async (ids) =>
      byKeys(await stores.budgets.byIds(ids), ids, (b) => b.id),
    ),
    budgetsOfClient: new DataLoader<string, BudgetRow[]>(async (ids) =>
      groupByKeys(await stores.budgets.byClientIds(ids), ids, (b) => b.clientId),
    ),
    balance: new DataLoader<string, BalanceRow | null>(async (ids) =>
      byKeys(await stores.budgets.balances(ids), ids, (b) => b.budgetId),
    ),
    instalments: new DataLoader<string, InstalmentRow[]>(async (ids) =>
      groupByKeys(await stores.budgets.instalments(ids), ids, (i) => i.budgetId),
    ),
    alerts: new DataLoader<string, AlertRow[]>(async (ids) =>
      groupByKeys(await stores.alerts.ofBudgets(ids), ids, (a) => a.budgetId),
    ),
    /** Key: JSON `[budgetId, limit, beforePosition, providerId]`; batched per page shape. */
    transactionPage: new DataLoader<string, { rows: TransactionRow[]; total: number }>(
      async (keys) => {
        const parsed = keys.map(
          (k) => JSON.parse(k) as [string, number, number | null, string | null],
        );
        const groups = new Map<string, string[]>();
        for (const [budgetId, ...shape] of parsed) {
          const key = JSON.stringify(shape);
          groups.set(key, [...(groups.get(key) ?? []), budgetId]);
        }
        const results = new Map<string, { rows: TransactionRow[]; total: number }>();
        for (const [shape, budgetIds] of groups) {
          const [limit, before, providerId] = JSON.parse(shape) as [
            number,
            number | null,
            string | null,
          ];
          const pages = await stores.ledger.pages(budgetIds, limit, before, providerId);
          // pages answers one page per budget, in the order asked.
          budgetIds.forEach((id, i) =>
            results.set(
              JSON.stringify([id, limit, before, providerId]),
              present(pages[i], `the ledger page of budget ${id}`),
            ),
          );
        }
        return keys.map((k) => present(results.get(k), `the ledger page ${k}`));
      },
    ),
    commitment: new DataLoader<string, CommitmentRow | null>(async (ids) =>
      byKeys(await stores.commitments.byIds(ids), ids, (c) => c.id),
    ),
    commitmentsOfBudget: new DataLoader<string, CommitmentRow[]>(async (ids) =>
      groupByKeys(await stores.commitments.byBudgetIds(ids), ids, (c) => c.budgetId),
    ),
    /** Budget id → the sum charged on its commitments. */
    chargedOnCommitments: new DataLoader<string, number>(async (ids) => {
      const sums = await stores.commitments.chargedOnCommitments(ids);
      return ids.map((id) => sums.get(id) ?? 0);
    }),
    expensesOfBudget: new DataLoader<string, ExpenseRow[]>(async (ids) =>
      groupByKeys(await stores.expenses.ofBudgets(ids), ids, (e) => e.budgetId),
    ),
    transaction: new DataLoader<string, TransactionRow | null>(async (ids) =>
      byKeys(await stores.ledger.byIds(ids), ids, (t) => t.id),
    ),
    serviceType: new DataLoader<string, ServiceTypeRow | null>(async (codes) =>
      byKeys(await stores.catalog.serviceTypes(codes), codes, (s) => s.code),
    ),
    /** Key: `hbClassId|year`; the class valued for that year. */
    hbClass: new DataLoader<string, HbClassRow | null>(async (keys) => {
      const parsed = keys.map((k) => {
        const [id = '', year = '0'] = k.split('|');
        return { id, year: Number(year) };
      });
      return byKeys(
        await stores.catalog.classesByIdAndYear(parsed),
        keys,
        (c) => `${c.id}|${c.priceYear}`,
      );
    }),
    /** Key: `serviceType|municipalityCode|year`. */
    classes: new DataLoader<string, HbClassRow[]>(async (keys) => {
      const parsed = keys.map((k) => {
        const [serviceType = '', municipalityCode = '', year = '0'] = k.split('|');
        return { serviceType, municipalityCode, year: Number(year) };
      });
      const rows = await stores.catalog.classesOf(parsed);
      return groupByKeys(
        rows,
        keys,
        (c) => `${c.serviceTypeCode}|${c.municipalityCode}|${c.priceYear}`,
      );
    }),
  };
}

export type BudgetsLoaders = ReturnType<typeof createLoaders>;
