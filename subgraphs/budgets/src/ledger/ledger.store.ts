import { isUuid, present } from '@hb/kit';
import { num, type Queryable } from '../shared/sql';

export type TransactionKind =
  'GRANT' | 'INSTALMENT' | 'CHARGE' | 'REFUND' | 'ADJUSTMENT' | 'LAPSE' | 'EXPENSE';
export type TransactionStatus = 'PENDING_CONFIRMATION' | 'CONFIRMED' | 'REJECTED';

export interface TransactionRow {
  id: string;
  position: number;
  budgetId: string;
  kind: TransactionKind;
  amountCents: number;
  status: TransactionStatus;
  providerId: string | null;
  serviceDate: string | null;
  description: string | null;
  idempotencyKey: string | null;
  discretionaryReason: string | null;
  createdBy: string;
  createdAt: Date;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  rejectionReason: string | null;
  commitmentId: string | null;
}

const COLUMNS = `
  id, position, budget_id AS "budgetId", kind, amount_cents AS "amountCents", status,
  provider_id AS "providerId", to_char(service_date, 'YYYY-MM-DD') AS "serviceDate", description,
  idempotency_key AS "idempotencyKey", discretionary_reason AS "discretionaryReason",
  created_by AS "createdBy", created_at AS "createdAt", resolved_by AS "resolvedBy",
  resolved_at AS "resolvedAt", rejection_reason AS "rejectionReason", commitment_id AS "commitmentId"`;

const toTx = (r: Record<string, unknown>): TransactionRow => ({
  ...(r as unknown as TransactionRow),
  position: num(r.position),
  amountCents: num(r.amountCents),
});

const first = (rows: unknown): Record<string, unknown> | undefined => {
  const list = rows as unknown[];
  return (Array.isArray(list[0]) ? (list[0] as unknown[])[0] : list[0]) as
    Record<string, unknown> | undefined;
};

/** A provider's own charge with what it may know of the client. */
export interface ProviderChargeRow extends TransactionRow {
  clientFirstName: string | null;
  budgetYear: number;
}

/** SQL for the ledger: append-only, except the one-time resolution of a pending charge. */
export class LedgerStore {
  constructor(private readonly db: Queryable) {}

  async insert(
    m: Queryable,
    v: {
      budgetId: string;
      kind: TransactionKind;
      amountCents: number;
      status: TransactionStatus;
      createdBy: string;
      providerId?: string | null;
      serviceDate?: string | null;
      description?: string | null;
      idempotencyKey?: string | null;
      discretionaryReason?: string | null;
      commitmentId?: string | null;
    },
  ): Promise<TransactionRow> {
    const rows = await m.query(
      `INSERT INTO budgets.ledger_transaction (budget_id, kind, amount_cents, status, created_by, provider_id,
         service_date, description, idempotency_key, discretionary_reason, commitment_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
      [
        v.budgetId,
        v.kind,
        v.amountCents,
        v.status,
        v.createdBy,
        v.providerId ?? null,
        v.serviceDate ?? null,
        v.description ?? null,
        v.idempotencyKey ?? null,
        v.discretionaryReason ?? null,
        v.commitmentId ?? null,
      ],
    );
    return toTx(present(first(rows), 'the inserted ledger row'));
  }

  async byIds(ids: readonly string[], db: Queryable = this.db): Promise<TransactionRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await db.query(
      `SELECT ${COLUMNS} FROM budgets.ledger_transaction WHERE id = ANY($1::uuid[])`,
      [valid],
    );
    return rows.map(toTx);
  }

  async byIdempotencyKey(
    db: Queryable,
    budgetId: string,
    key: string,
  ): Promise<TransactionRow | null> {
    const rows = await db.query(
      `SELECT ${COLUMNS} FROM budgets.ledger_transaction WHERE budget_id = $1 AND idempotency_key = $2`,
      [budgetId, key],
    );
    return rows[0] ? toTx(rows[0]) : null;
  }

  /** A provider's charge under its idempotency key: keys belong to the provider, not the budget. */
  async byProviderKey(
    db: Queryable,
    providerId: string,
    key: string,
  ): Promise<TransactionRow | null> {
    const rows = await db.query(
      `SELECT ${COLUMNS} FROM budgets.ledger_transaction WHERE provider_id = $1 AND idempotency_key = $2`,
      [providerId, key],
    );
    return rows[0] ? toTx(rows[0]) : null;
  }

  /**
   * A provider's charges, newest first, with what it may know of each client (first name and
   * budget year, kept on the commitment).
   */
  async providerCharges(
    providerId: string,
    statuses: readonly string[] | null,
    limit: number,
    beforePosition: number | null,
  ): Promise<{ rows: ProviderChargeRow[]; total: number }> {
    const rows = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT x.*, c.client_first_name AS "clientFirstName", b.year AS "budgetYear"
       FROM (SELECT ${COLUMNS} FROM budgets.ledger_transaction
             WHERE provider_id = $1 AND kind = 'CHARGE'
               AND ($2::text[] IS NULL OR status = ANY($2::text[]))
               AND ($3::bigint IS NULL OR position < $3::bigint)
             ORDER BY position DESC LIMIT $4) x
       JOIN budgets.budget b ON b.id = x."budgetId"
       LEFT JOIN budgets.payment_commitment c ON c.id = x."commitmentId"
       ORDER BY x.position DESC`,
      [providerId, statuses, beforePosition, limit + 1],
    );
    const [count] = await this.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM budgets.ledger_transaction
       WHERE provider_id = $1 AND kind = 'CHARGE' AND ($2::text[] IS NULL OR status = ANY($2::text[]))`,
      [providerId, statuses],
    );
    return {
      rows: rows.map((r) => ({
        ...toTx(r),
        clientFirstName: (r.clientFirstName as string | null) ?? null,
        budgetYear: num(r.budgetYear),
      })),
      total: count.n,
    };
  }

  async resolve(
    m: Queryable,
    id: string,
    status: 'CONFIRMED' | 'REJECTED',
    by: string,
    reason: string | null,
  ): Promise<TransactionRow> {
    const rows = await m.query(
      `UPDATE budgets.ledger_transaction SET status = $2, resolved_by = $3, resolved_at = now(), rejection_reason = $4
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, status, by, reason],
    );
    return toTx(present(first(rows), 'the resolved ledger row'));
  }

  /** Non-rejected charges of a budget, for the abnormal-charge rule. */
  async charges(
    db: Queryable,
    budgetId: string,
  ): Promise<Array<{ id: string; cents: number; serviceDate: string }>> {
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT id, amount_cents AS cents, to_char(service_date, 'YYYY-MM-DD') AS "serviceDate"
       FROM budgets.ledger_transaction WHERE budget_id = $1 AND kind = 'CHARGE' AND status <> 'REJECTED'
       ORDER BY position`,
      [budgetId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      cents: num(r.cents),
      serviceDate: r.serviceDate as string,
    }));
  }

  /**
   * The same page of several budgets' ledgers in two statements (one window query, one grouped
   * count), so that a list of budgets with their transactions does not query per budget.
   */
  async pages(
    budgetIds: readonly string[],
    limit: number,
    beforePosition: number | null,
    providerId: string | null,
  ) {
    const rows = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT * FROM (
         SELECT ${COLUMNS}, row_number() OVER (PARTITION BY budget_id ORDER BY position DESC) AS rn
         FROM budgets.ledger_transaction
         WHERE budget_id = ANY($1::uuid[]) AND ($2::bigint IS NULL OR position < $2::bigint)
           AND ($3::uuid IS NULL OR provider_id = $3::uuid)
       ) t WHERE rn <= $4 ORDER BY "budgetId", position DESC`,
      [budgetIds, beforePosition, providerId, limit + 1],
    );
    const counts = await this.db.query<Array<{ budgetId: string; count: number }>>(
      `SELECT budget_id AS "budgetId", count(*)::int AS count FROM budgets.ledger_transaction
       WHERE budget_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR provider_id = $2::uuid)
       GROUP BY budget_id`,
      [budgetIds, providerId],
    );
    const total = new Map(counts.map((c) => [c.budgetId, c.count]));
    const byBudget = new Map<string, TransactionRow[]>();
    for (const raw of rows) {
      const tx = toTx(raw);
      byBudget.set(tx.budgetId, [...(byBudget.get(tx.budgetId) ?? []), tx]);
    }
    return budgetIds.map((id) => ({ rows: byBudget.get(id) ?? [], total: total.get(id) ?? 0 }));
  }

  /** The balance as the ledger alone says it; tests compare it with the balance row. */
  async sums(db: Queryable, budgetId: string) {
    const [r] = await db.query<[Record<string, unknown>]>(
      `SELECT
         coalesce(sum(amount_cents) FILTER (WHERE kind IN ('GRANT', 'ADJUSTMENT')), 0) AS granted,
         coalesce(sum(amount_cents) FILTER (WHERE kind = 'INSTALMENT'), 0) AS "paidOut",
         coalesce(sum(amount_cents) FILTER (WHERE kind IN ('CHARGE', 'EXPENSE') AND status = 'CONFIRMED'), 0)
           - coalesce(sum(amount_cents) FILTER (WHERE kind = 'REFUND'), 0) AS spent,
         coalesce(sum(amount_cents) FILTER (WHERE kind = 'CHARGE' AND status = 'PENDING_CONFIRMATION'), 0) AS pending,
         coalesce(sum(amount_cents) FILTER (WHERE kind = 'LAPSE'), 0) AS lapsed
       FROM budgets.ledger_transaction WHERE budget_id = $1`,
      [budgetId],
    );
    return {
      grantedCents: num(r.granted),
      paidOutCents: num(r.paidOut),
      spentCents: num(r.spent),
      pendingCents: num(r.pending),
      lapsedCents: num(r.lapsed),
    };
  }
}
