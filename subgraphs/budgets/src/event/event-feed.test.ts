import { createLogger } from '@hb/kit';
import { databaseFixture } from '@hb/kit/testing';
import { budgetsDatabase } from '../entities';
import { seedBudgetsDemo } from '../seed/demo.seed';
import { BudgetEventStore, type BudgetEventRow } from './budget-event.store';
import { BudgetEventFeed } from './event-feed';

const db = databaseFixture(budgetsDatabase, {
  seed: ({ dataSource }) => seedBudgetsDemo(dataSource, createLogger('test', 'silent')),
});

describe('BudgetEventFeed', () => {
  it('hands committed events to the listeners of their budget and keeps them for reading back', async () => {
    const { dataSource } = db.database;
    const [one, other]: Array<{ id: string; client_id: string }> = await dataSource.query(
      `SELECT id, client_id FROM budgets.budget ORDER BY id LIMIT 2`,
    );
    if (!one || !other) throw new Error('the demo has two budgets');
    const feed = new BudgetEventFeed({
      store: new BudgetEventStore(dataSource),
      logger: createLogger('test', 'silent'),
      listenUrl: null,
      pollMs: 10,
    });
    await feed.start();
    const seen: BudgetEventRow[] = [];
    const stop = feed.subscribe({ budgetId: one.id }, (event) => seen.push(event));
    try {
      const insert = async (budget: { id: string; client_id: string }) => {
        const [row]: Array<{ sequence: string }> = await dataSource.query(
          `INSERT INTO budgets.budget_event (budget_id, client_id, change)
           VALUES ($1, $2, 'CHARGED') RETURNING sequence::text AS sequence`,
          [budget.id, budget.client_id],
        );
        return row?.sequence ?? '';
      };
      const foreign = await insert(other);
      const own = await insert(one);
      for (let i = 0; i < 200 && seen.length === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(seen.map((e) => e.sequence)).toEqual([own]);
      // Read back without the database: the row as the outbox holds it, for any budget.
      expect(feed.recent(own)).toEqual(seen[0]);
      expect(feed.recent(foreign)?.budgetId).toBe(other.id);
      expect(feed.recent('0')).toBeUndefined();
    } finally {
      stop();
      await feed.stop();
    }
  });
});
