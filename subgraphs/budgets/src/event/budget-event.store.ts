import type { DataSource } from 'typeorm';

/** One row of the budget-event outbox. */
export interface BudgetEventRow {
  sequence: string;
  budgetId: string;
  clientId: string;
  change: string;
  kind: string | null;
  transactionId: string | null;
  createdAt: Date;
}

/** Which events a subscriber follows: one client's budgets, or one budget. */
export interface EventFilter {
  clientId?: string | null;
  budgetId?: string | null;
}

const COLUMNS = `sequence::text AS sequence, budget_id AS "budgetId", client_id AS "clientId", change,
  kind, transaction_id AS "transactionId", created_at AS "createdAt"`;

/**
 * SQL for reading the outbox (it is written by {@link BudgetStore.insertEvent}). Sequences are
 * handed out as text, so every ORDER BY names the bigint column itself: the output alias
 * would sort 100 before 98.
 */
export class BudgetEventStore {
  constructor(private readonly db: DataSource) {}

  /** Events after `sequence`, oldest first, optionally for one client or budget. */
  async after(sequence: string, filter: EventFilter, limit: number): Promise<BudgetEventRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM budgets.budget_event
       WHERE sequence > $1::bigint
         AND ($2::uuid IS NULL OR client_id = $2::uuid)
         AND ($3::uuid IS NULL OR budget_id = $3::uuid)
       ORDER BY budget_event.sequence LIMIT $4`,
      [sequence, filter.clientId ?? null, filter.budgetId ?? null, limit],
    );
  }

  async bySequence(sequence: string): Promise<BudgetEventRow | null> {
    const rows: BudgetEventRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM budgets.budget_event WHERE sequence = $1::bigint`,
      [sequence],
    );
    return rows[0] ?? null;
  }

  async latestSequence(): Promise<string> {
    const rows: Array<{ s: string }> = await this.db.query(
      `SELECT coalesce(max(sequence), 0)::text AS s FROM budgets.budget_event`,
    );
    return rows[0]?.s ?? '0';
  }
}

/** True when `a` comes after `b` (sequences are bigint strings). */
export function isAfter(a: string, b: string): boolean {
  return BigInt(a) > BigInt(b);
}
