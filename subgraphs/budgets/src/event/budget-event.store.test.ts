import { createLogger } from '@hb/kit';
import { databaseFixture } from '@hb/kit/testing';
import { budgetsDatabase } from '../entities';
import { seedBudgetsDemo } from '../seed/demo.seed';
import { BudgetEventStore } from './budget-event.store';

const db = databaseFixture(budgetsDatabase, {
  seed: ({ dataSource }) => seedBudgetsDemo(dataSource, createLogger('test', 'silent')),
});
let budget: { id: string; client_id: string };

beforeAll(async () => {
  [budget] = await db.database.dataSource.query(
    `SELECT id, client_id FROM budgets.budget ORDER BY id LIMIT 1`,
  );
  // Sequences across a change in their number of digits: ordered as text, 10000000 would come
  // before 9999998 and a replay would hand events over out of order (or the feed skip some).
  for (const sequence of ['9999998', '9999999', '10000000', '10000001']) {
    await db.database.dataSource.query(
      `INSERT INTO budgets.budget_event (sequence, budget_id, client_id, change)
       VALUES ($1::bigint, $2, $3, 'CHARGED')`,
      [sequence, budget.id, budget.client_id],
    );
  }
});

describe('BudgetEventStore.after', () => {
  it('returns events in numeric sequence order across a change in the number of digits', async () => {
    const store = new BudgetEventStore(db.database.dataSource);
    for (const filter of [{}, { budgetId: budget.id }, { clientId: budget.client_id }]) {
      const events = await store.after('9999997', filter, 10);
      expect(events.map((e) => e.sequence)).toEqual(['9999998', '9999999', '10000000', '10000001']);
    }
    const page = await store.after('9999997', {}, 2);
    expect(page.map((e) => e.sequence)).toEqual(['9999998', '9999999']);
  });
});
