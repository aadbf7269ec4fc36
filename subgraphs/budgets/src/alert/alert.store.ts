import { isUuid } from '@hb/kit';
import type { AlertKind, RaisedAlert } from '../domain';
import type { Queryable } from '../shared/sql';
import type { AlertReconciliation, AlertStatus, StoredAlert } from './alert-lifecycle';

/** A stored alert with its budget's scope (authorization needs the client and municipality). */
export interface AlertRow {
  id: string;
  budgetId: string;
  clientId: string;
  municipalityCode: string;
  kind: AlertKind;
  key: string;
  message: string;
  status: AlertStatus;
  raisedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgementNote: string | null;
}

const COLUMNS = `a.id, a.budget_id AS "budgetId", b.client_id AS "clientId",
  b.municipality_code AS "municipalityCode", a.kind, a.key, a.message, a.status,
  a.raised_at AS "raisedAt", a.updated_at AS "updatedAt", a.resolved_at AS "resolvedAt",
  a.acknowledged_at AS "acknowledgedAt", a.acknowledged_by AS "acknowledgedBy",
  a.acknowledgement_note AS "acknowledgementNote"`;

/** SQL for budget alerts: what the rules raised, and what happened to it since. */
export class AlertStore {
  constructor(private readonly db: Queryable) {}

  /** The alerts of these budgets, newest first (one statement for any number of budgets). */
  async ofBudgets(budgetIds: readonly string[]): Promise<AlertRow[]> {
    const valid = budgetIds.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.query(
      `SELECT ${COLUMNS} FROM budgets.budget_alert a JOIN budgets.budget b ON b.id = a.budget_id
       WHERE a.budget_id = ANY($1::uuid[]) ORDER BY a.raised_at DESC, a.key`,
      [valid],
    );
  }

  async byId(id: string, db: Queryable = this.db): Promise<AlertRow | null> {
    if (!isUuid(id)) return null;
    const rows: AlertRow[] = await db.query(
      `SELECT ${COLUMNS} FROM budgets.budget_alert a JOIN budgets.budget b ON b.id = a.budget_id
       WHERE a.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Every stored alert of a budget, as the lifecycle compares them (caller holds the budget lock). */
  async stored(m: Queryable, budgetId: string): Promise<StoredAlert[]> {
    return m.query(
      `SELECT id, kind, key, message, status FROM budgets.budget_alert WHERE budget_id = $1`,
      [budgetId],
    );
  }

  /** Writes a reconciliation: inserts, reopens, refreshes and resolves, in four statements at most. */
  async apply(m: Queryable, budgetId: string, r: AlertReconciliation): Promise<void> {
    const columns = (alerts: readonly RaisedAlert[]) => [
      alerts.map((a) => a.kind),
      alerts.map((a) => a.key),
      alerts.map((a) => a.message),
    ];
    if (r.raise.length > 0) {
      await m.query(
        `INSERT INTO budgets.budget_alert (budget_id, kind, key, message)
         SELECT $1, k, key, msg FROM unnest($2::text[], $3::text[], $4::text[]) AS t(k, key, msg)
         ON CONFLICT (budget_id, key) DO NOTHING`,
        [budgetId, ...columns(r.raise)],
      );
    }
    if (r.reopen.length > 0) {
      // A new episode of the same condition: the earlier acknowledgement was about the last one.
      await m.query(
        `UPDATE budgets.budget_alert a SET status = 'OPEN', message = t.msg, resolved_at = NULL,
           acknowledged_at = NULL, acknowledged_by = NULL, acknowledgement_note = NULL,
           updated_at = now()
         FROM unnest($2::text[], $3::text[]) AS t(key, msg)
         WHERE a.budget_id = $1 AND a.key = t.key AND a.status = 'RESOLVED'`,
        [budgetId, r.reopen.map((a) => a.key), r.reopen.map((a) => a.message)],
      );
    }
    if (r.refresh.length > 0) {
      await m.query(
        `UPDATE budgets.budget_alert a SET message = t.msg, updated_at = now()
         FROM unnest($2::text[], $3::text[]) AS t(key, msg)
         WHERE a.budget_id = $1 AND a.key = t.key AND a.status <> 'RESOLVED'`,
        [budgetId, r.refresh.map((a) => a.key), r.refresh.map((a) => a.message)],
      );
    }
    if (r.resolve.length > 0) {
      await m.query(
        `UPDATE budgets.budget_alert SET status = 'RESOLVED', resolved_at = now(), updated_at = now()
         WHERE budget_id = $1 AND id = ANY($2::uuid[]) AND status <> 'RESOLVED'`,
        [budgetId, r.resolve],
      );
    }
  }

  /** OPEN → ACKNOWLEDGED; null when the alert was no longer open (someone else was first). */
  async acknowledge(
    m: Queryable,
    id: string,
    by: string,
    note: string,
  ): Promise<{ id: string } | null> {
    const rows: Array<{ id: string }> = await m.query(
      `UPDATE budgets.budget_alert SET status = 'ACKNOWLEDGED', acknowledged_at = now(),
         acknowledged_by = $2, acknowledgement_note = $3, updated_at = now()
       WHERE id = $1 AND status = 'OPEN' RETURNING id`,
      [id, by, note],
    );
    return rows[0] ?? null;
  }
}
