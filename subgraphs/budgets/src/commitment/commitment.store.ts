import { isUuid, returnedRow } from '@hb/kit';
import type { CommitmentStatus, PayeeKind } from '../domain';
import { num, type Queryable } from '../shared/sql';

export interface CommitmentRow {
  id: string;
  budgetId: string;
  payeeKind: PayeeKind;
  providerId: string | null;
  serviceTypeCode: string;
  offeringId: string | null;
  planId: string | null;
  allocationId: string | null;
  clientFirstName: string;
  amountCents: number;
  chargedCents: number;
  validFrom: string;
  validTo: string;
  status: CommitmentStatus;
  reason: string;
  discretionaryReason: string | null;
  issuedBy: string;
  issuedAt: Date;
  endedBy: string | null;
  endedAt: Date | null;
  endReason: string | null;
  /** From the budget: what a provider may know of it. */
  budgetYear: number;
  clientId: string;
  municipalityCode: string;
  /** issued_at with microseconds, for keyset cursors. */
  cursorKey: string;
}

const COLUMNS = `
  c.id, c.budget_id AS "budgetId", c.payee_kind AS "payeeKind", c.provider_id AS "providerId",
  c.service_type AS "serviceTypeCode", c.offering_id AS "offeringId", c.plan_id AS "planId",
  c.allocation_id AS "allocationId", c.client_first_name AS "clientFirstName",
  c.amount_cents AS "amountCents", c.charged_cents AS "chargedCents",
  to_char(c.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(c.valid_to, 'YYYY-MM-DD') AS "validTo",
  c.status, c.reason, c.discretionary_reason AS "discretionaryReason", c.issued_by AS "issuedBy",
  c.issued_at AS "issuedAt", c.ended_by AS "endedBy", c.ended_at AS "endedAt",
  c.end_reason AS "endReason", b.year AS "budgetYear", b.client_id AS "clientId",
  b.municipality_code AS "municipalityCode", c.issued_at::text AS "cursorKey"`;

const FROM = `budgets.payment_commitment c JOIN budgets.budget b ON b.id = c.budget_id`;

const toRow = (r: Record<string, unknown>): CommitmentRow => ({
  ...(r as unknown as CommitmentRow),
  amountCents: num(r.amountCents),
  chargedCents: num(r.chargedCents),
  budgetYear: num(r.budgetYear),
});

/** pg answers UPDATE … RETURNING through TypeORM as [rows, count]. */
const rowsOf = (result: unknown): Array<Record<string, unknown>> => {
  const list = result as unknown[];
  return (Array.isArray(list[0]) ? list[0] : list) as Array<Record<string, unknown>>;
};

/** SQL for payment commitments. Sums follow from triggers (see the Commitments migration). */
export class CommitmentStore {
  constructor(private readonly db: Queryable) {}

  async byIds(ids: readonly string[], db: Queryable = this.db): Promise<CommitmentRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = ANY($1::uuid[])`, [
      valid,
    ]);
    return rows.map(toRow);
  }

  async byBudgetIds(ids: readonly string[]): Promise<CommitmentRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE c.budget_id = ANY($1::uuid[]) ORDER BY c.issued_at, c.id`,
      [valid],
    );
    return rows.map(toRow);
  }

  /** The provider's commitments on one budget (no lock: the charge locks the one it picks). */
  async ofProviderOnBudget(
    db: Queryable,
    providerId: string,
    budgetId: string,
  ): Promise<CommitmentRow[]> {
    if (!isUuid(providerId) || !isUuid(budgetId)) return [];
    const rows = await db.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE c.provider_id = $1 AND c.budget_id = $2`,
      [providerId, budgetId],
    );
    return rows.map(toRow);
  }

  /** Locks one commitment (after its budget and balance rows: see LOCK ORDER in ledger.service). */
  async lock(m: Queryable, id: string): Promise<CommitmentRow | null> {
    const rows = await m.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1 FOR UPDATE OF c`, [
      id,
    ]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Locks every commitment of the budgets, in id order. */
  async lockOfBudgets(m: Queryable, budgetIds: readonly string[]): Promise<CommitmentRow[]> {
    const rows = await m.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE c.budget_id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE OF c`,
      [budgetIds],
    );
    return rows.map(toRow);
  }

  async insert(
    m: Queryable,
    v: {
      budgetId: string;
      payeeKind: PayeeKind;
      providerId: string | null;
      serviceTypeCode: string;
      offeringId: string | null;
      planId: string | null;
      allocationId: string | null;
      clientFirstName: string;
      amountCents: number;
      validFrom: string;
      validTo: string;
      reason: string;
      discretionaryReason: string | null;
      issuedBy: string;
    },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO budgets.payment_commitment (budget_id, payee_kind, provider_id, service_type, offering_id,
         plan_id, allocation_id, client_first_name, amount_cents, valid_from, valid_to, status, reason,
         discretionary_reason, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'ACTIVE', $12, $13, $14) RETURNING id`,
      [
        v.budgetId,
        v.payeeKind,
        v.providerId,
        v.serviceTypeCode,
        v.offeringId,
        v.planId,
        v.allocationId,
        v.clientFirstName,
        v.amountCents,
        v.validFrom,
        v.validTo,
        v.reason,
        v.discretionaryReason,
        v.issuedBy,
      ],
    );
    return returnedRow(rows).id;
  }

  /** A plan keeps the commitment: its allocation, amount and offering follow the plan. */
  async adjust(
    m: Queryable,
    id: string,
    v: { amountCents: number; offeringId: string | null; planId: string; allocationId: string },
  ): Promise<void> {
    await m.query(
      `UPDATE budgets.payment_commitment SET amount_cents = $2, plan_id = $3, allocation_id = $4,
         offering_id = $5,
         status = CASE WHEN status IN ('ACTIVE', 'USED_UP')
                       THEN CASE WHEN charged_cents = $2 THEN 'USED_UP' ELSE 'ACTIVE' END
                       ELSE status END
       WHERE id = $1`,
      [id, v.amountCents, v.planId, v.allocationId, v.offeringId],
    );
  }

  /** Cancels or expires commitments that are still running (active or used up). */
  async end(
    m: Queryable,
    ids: readonly string[],
    status: 'CANCELLED' | 'EXPIRED',
    by: string,
    reason: string,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = rowsOf(
      await m.query(
        `UPDATE budgets.payment_commitment SET status = $2, ended_by = $3, ended_at = now(), end_reason = $4
         WHERE id = ANY($1::uuid[]) AND status IN ('ACTIVE', 'USED_UP') RETURNING id`,
        [ids, status, by, reason],
      ),
    );
    return rows.map((r) => r.id as string);
  }

  /** What the budgets' commitments have drawn in charges (pending and confirmed). */
  async chargedOnCommitments(
    budgetIds: readonly string[],
    db: Queryable = this.db,
  ): Promise<Map<string, number>> {
    const rows: Array<{ budgetId: string; cents: string }> = await db.query(
      `SELECT budget_id AS "budgetId", sum(charged_cents)::text AS cents
       FROM budgets.payment_commitment WHERE budget_id = ANY($1::uuid[]) GROUP BY budget_id`,
      [budgetIds.filter(isUuid)],
    );
    return new Map(rows.map((r) => [r.budgetId, num(r.cents)]));
  }

  /** A provider's commitments, newest first, by keyset (issued_at, id). */
  async ofProvider(
    providerId: string,
    statuses: readonly CommitmentStatus[] | null,
    limit: number,
    before: { cursorKey: string; id: string } | null,
  ): Promise<{ rows: CommitmentRow[]; total: number }> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM ${FROM}
       WHERE c.provider_id = $1 AND ($2::text[] IS NULL OR c.status = ANY($2::text[]))
         AND ($3::timestamptz IS NULL OR (c.issued_at, c.id) < ($3::timestamptz, $4::uuid))
       ORDER BY c.issued_at DESC, c.id DESC LIMIT $5`,
      [providerId, statuses, before?.cursorKey ?? null, before?.id ?? null, limit + 1],
    );
    const [count] = await this.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM budgets.payment_commitment
       WHERE provider_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[]))`,
      [providerId, statuses],
    );
    return { rows: rows.map(toRow), total: count.n };
  }
}
