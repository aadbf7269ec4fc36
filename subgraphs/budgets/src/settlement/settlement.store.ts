import { isUuid, present } from '@hb/kit';
import { num, type Queryable } from '../shared/sql';
import type { BatchStatus, PlannedBatch, SettleableCharge } from './domain/batching';

export interface PaymentBatchRow {
  id: string;
  number: number;
  /** The municipality settled, or null when the batch is a whole organiser's. */
  municipalityCode: string | null;
  /** The organiser (wellbeing services county) settled as a whole, or null. */
  organiserId: string | null;
  /** The provider paid, or null when the batch pays a client her expenses. */
  payeeProviderId: string | null;
  payeeClientId: string | null;
  periodFrom: string;
  periodTo: string;
  totalCents: number;
  lineCount: number;
  status: BatchStatus;
  payeeName: string | null;
  payeeBusinessId: string | null;
  payeeIban: string | null;
  payeeBic: string | null;
  createdBy: string;
  createdAt: Date;
  exportedBy: string | null;
  exportedAt: Date | null;
  exportCount: number;
  paidBy: string | null;
  paidAt: Date | null;
  paidOn: string | null;
}

export interface PaymentBatchLineRow {
  batchId: string;
  transactionId: string;
  amountCents: number;
  serviceDate: string;
  serviceType: string;
  confirmedAt: Date;
}

/** Where a charge was settled: its batch, and when the batch was made and paid. */
export interface ChargeSettlementRow {
  transactionId: string;
  batchId: string;
  settledAt: Date;
  paidAt: Date | null;
}

/** A payee's account as copied onto a batch. */
export interface PayeeSnapshot {
  name: string | null;
  businessId: string | null;
  iban: string | null;
  bic: string | null;
}

const BATCH = `
  id, number, municipality_code AS "municipalityCode", organiser_id AS "organiserId", payee_provider_id AS "payeeProviderId",
  payee_client_id AS "payeeClientId",  to_char(period_from, 'YYYY-MM-DD') AS "periodFrom", to_char(period_to, 'YYYY-MM-DD') AS "periodTo",
  total_cents AS "totalCents", line_count AS "lineCount", status, payee_name AS "payeeName",
  payee_business_id AS "payeeBusinessId", payee_iban AS "payeeIban", payee_bic AS "payeeBic",
  created_by AS "createdBy", created_at AS "createdAt", exported_by AS "exportedBy",
  exported_at AS "exportedAt", export_count AS "exportCount", paid_by AS "paidBy",
  paid_at AS "paidAt", to_char(paid_on, 'YYYY-MM-DD') AS "paidOn"`;

const toBatch = (r: Record<string, unknown>): PaymentBatchRow => ({
  ...(r as unknown as PaymentBatchRow),
  number: num(r.number),
  totalCents: num(r.totalCents),
  lineCount: num(r.lineCount),
  exportCount: num(r.exportCount),
});

/** Rows of an UPDATE … RETURNING arrive as [rows, count] through TypeORM. */
const updated = (rows: unknown): Record<string, unknown> | undefined => {
  const list = rows as unknown[];
  return (Array.isArray(list[0]) ? (list[0] as unknown[])[0] : list[0]) as
    Record<string, unknown> | undefined;
};

/** What a run or a listing covers: one municipality, or a whole organiser. */
export type SettlementScope =
  { municipalityCode: string; organiserId: null } | { municipalityCode: null; organiserId: string };

/** SQL for settlement runs and payment batches. */
export class SettlementStore {
  constructor(private readonly db: Queryable) {}

  /**
   * Serialises settlement runs of one municipality until the transaction ends (the second run
   * then finds the charges the first one settled). The primary key of the batch line is the
   * last guard: a charge can never be in two batches.
   */
  async lockMunicipality(m: Queryable, municipalityCode: string): Promise<void> {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('budgets.settlement:' || $1, 0))`,
      [municipalityCode],
    );
  }

  /**
   * An organiser's run takes the same lock of each of its municipalities, so it and any
   * municipality's run are serialised. Always in code order: two organiser runs never wait on
   * each other crosswise (a municipality's run holds only one lock).
   */
  async lockMunicipalities(m: Queryable, municipalityCodes: readonly string[]): Promise<void> {
    for (const code of [...new Set(municipalityCodes)].sort()) {
      await this.lockMunicipality(m, code);
    }
  }

  /**
   * Confirmed provider charges of the municipality's budgets, confirmed within the period
   * (dates in Finnish time), that no batch holds yet.
   */
  async settleable(
    db: Queryable,
    municipalityCodes: readonly string[],
    from: string,
    to: string,
  ): Promise<Array<SettleableCharge & { clientId: string; account: PayeeSnapshot | null }>> {
    const rows = await db.query<Array<Record<string, unknown>>>(
      `SELECT t.id, coalesce(t.provider_id, b.client_id) AS "payeeId",
              CASE WHEN t.kind = 'EXPENSE' THEN 'CLIENT' ELSE 'PROVIDER' END AS "payeeKind",
              t.amount_cents AS "amountCents",
              to_char(t.service_date, 'YYYY-MM-DD') AS "serviceDate", b.service_type AS "serviceType",
              t.resolved_at AS "confirmedAt", b.client_id AS "clientId",
              e.account_holder AS "accountHolder", e.payee_iban AS "iban"
       FROM budgets.ledger_transaction t
       JOIN budgets.budget b ON b.id = t.budget_id
       LEFT JOIN budgets.expense e ON e.transaction_id = t.id
       WHERE ((t.kind = 'CHARGE' AND t.provider_id IS NOT NULL) OR t.kind = 'EXPENSE')
         AND t.status = 'CONFIRMED'
         AND t.resolved_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Helsinki')
         AND t.resolved_at < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Helsinki')
         AND b.municipality_code = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM budgets.payment_batch_line l WHERE l.transaction_id = t.id)
       ORDER BY t.position`,
      [[...municipalityCodes], from, to],
    );
    return rows.map((r) => ({
      id: r.id as string,
      payeeId: r.payeeId as string,
      payeeKind: r.payeeKind as 'PROVIDER' | 'CLIENT',
      amountCents: num(r.amountCents),
      serviceDate: r.serviceDate as string,
      serviceType: r.serviceType as string,
      confirmedAt: r.confirmedAt as Date,
      clientId: r.clientId as string,
      account:
        r.payeeKind === 'CLIENT'
          ? {
              name: r.accountHolder as string,
              businessId: null,
              iban: r.iban as string,
              bic: null,
            }
          : null,
    }));
  }

  /** One batch and its lines, in the caller's transaction. */
  async insertBatch(
    m: Queryable,
    v: {
      scope: SettlementScope;
      from: string;
      to: string;
      batch: PlannedBatch;
      payee: PayeeSnapshot | null;
      createdBy: string;
    },
  ): Promise<PaymentBatchRow> {
    const [row] = await m.query<[Record<string, unknown>]>(
      `INSERT INTO budgets.payment_batch (municipality_code, payee_provider_id, period_from, period_to,
         total_cents, line_count, payee_name, payee_business_id, payee_iban, payee_bic, created_by,
         payee_client_id, organiser_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${BATCH}`,
      [
        v.scope.municipalityCode,
        v.batch.payeeKind === 'PROVIDER' ? v.batch.payeeId : null,
        v.from,
        v.to,
        v.batch.totalCents,
        v.batch.lines.length,
        v.payee?.name ?? null,
        v.payee?.businessId ?? null,
        v.payee?.iban ?? null,
        v.payee?.bic ?? null,
        v.createdBy,
        v.batch.payeeKind === 'CLIENT' ? v.batch.payeeId : null,
        v.scope.organiserId,
      ],
    );
    const batch = toBatch(row);
    await m.query(
      `INSERT INTO budgets.payment_batch_line (batch_id, transaction_id, amount_cents, service_date, service_type, confirmed_at)
       SELECT $1, t.id, t.amount_cents, t.service_date, t.service_type, t.confirmed_at
       FROM unnest($2::uuid[], $3::bigint[], $4::date[], $5::text[], $6::timestamptz[])
         AS t(id, amount_cents, service_date, service_type, confirmed_at)`,
      [
        batch.id,
        v.batch.lines.map((l) => l.id),
        v.batch.lines.map((l) => l.amountCents),
        v.batch.lines.map((l) => l.serviceDate),
        v.batch.lines.map((l) => l.serviceType),
        v.batch.lines.map((l) => l.confirmedAt),
      ],
    );
    return batch;
  }

  async byIds(ids: readonly string[], db: Queryable = this.db): Promise<PaymentBatchRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await db.query<Array<Record<string, unknown>>>(
      `SELECT ${BATCH} FROM budgets.payment_batch WHERE id = ANY($1::uuid[])`,
      [valid],
    );
    return rows.map(toBatch);
  }

  async lock(m: Queryable, id: string): Promise<PaymentBatchRow | null> {
    const rows = await m.query<Array<Record<string, unknown>>>(
      `SELECT ${BATCH} FROM budgets.payment_batch WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ? toBatch(rows[0]) : null;
  }

  /**
   * A page of the municipalities' batches, newest first (keyset on created_at, id), with the
   * total count, in two statements.
   */
  async page(
    scope: SettlementScope,
    status: BatchStatus | null,
    limit: number,
    after: [string, string] | null,
  ): Promise<{ rows: PaymentBatchRow[]; total: number }> {
    const rows = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT ${BATCH} FROM budgets.payment_batch
       WHERE ${scope.organiserId === null ? 'municipality_code' : 'organiser_id'} = $1
         AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [
        scope.organiserId ?? scope.municipalityCode,
        status,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
    const [count] = await this.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM budgets.payment_batch
       WHERE ${scope.organiserId === null ? 'municipality_code' : 'organiser_id'} = $1
         AND ($2::text IS NULL OR status = $2)`,
      [scope.organiserId ?? scope.municipalityCode, status],
    );
    return { rows: rows.map(toBatch), total: count.n };
  }

  async linesOf(batchIds: readonly string[]): Promise<PaymentBatchLineRow[]> {
    if (batchIds.length === 0) return [];
    const rows = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT batch_id AS "batchId", transaction_id AS "transactionId", amount_cents AS "amountCents",
              to_char(service_date, 'YYYY-MM-DD') AS "serviceDate", service_type AS "serviceType",
              confirmed_at AS "confirmedAt"
       FROM budgets.payment_batch_line WHERE batch_id = ANY($1::uuid[])
       ORDER BY batch_id, service_date, transaction_id`,
      [batchIds],
    );
    return rows.map((r) => ({
      ...(r as unknown as PaymentBatchLineRow),
      amountCents: num(r.amountCents),
    }));
  }

  async settlementOfCharges(transactionIds: readonly string[]): Promise<ChargeSettlementRow[]> {
    const valid = transactionIds.filter(isUuid);
    if (valid.length === 0) return [];
    return await this.db.query<ChargeSettlementRow[]>(
      `SELECT l.transaction_id AS "transactionId", l.batch_id AS "batchId",
              b.created_at AS "settledAt", b.paid_at AS "paidAt"
       FROM budgets.payment_batch_line l JOIN budgets.payment_batch b ON b.id = l.batch_id
       WHERE l.transaction_id = ANY($1::uuid[])`,
      [valid],
    );
  }

  /** Records an export; the payee's account is copied on the first one. */
  async markExported(
    m: Queryable,
    id: string,
    by: string,
    payee: PayeeSnapshot | null,
  ): Promise<PaymentBatchRow> {
    const rows = await m.query(
      `UPDATE budgets.payment_batch SET status = 'EXPORTED',
         exported_by = coalesce(exported_by, $2), exported_at = coalesce(exported_at, now()),
         export_count = export_count + 1,
         payee_name = CASE WHEN status = 'CREATED' AND $3::boolean THEN $4 ELSE payee_name END,
         payee_business_id = CASE WHEN status = 'CREATED' AND $3::boolean THEN $5 ELSE payee_business_id END,
         payee_iban = CASE WHEN status = 'CREATED' AND $3::boolean THEN $6 ELSE payee_iban END,
         payee_bic = CASE WHEN status = 'CREATED' AND $3::boolean THEN $7 ELSE payee_bic END
       WHERE id = $1 RETURNING ${BATCH}`,
      [
        id,
        by,
        payee !== null,
        payee?.name ?? null,
        payee?.businessId ?? null,
        payee?.iban ?? null,
        payee?.bic ?? null,
      ],
    );
    return toBatch(present(updated(rows), 'the exported payment batch'));
  }

  async markPaid(m: Queryable, id: string, by: string, paidOn: string): Promise<PaymentBatchRow> {
    const rows = await m.query(
      `UPDATE budgets.payment_batch SET status = 'PAID', paid_by = $2, paid_at = now(), paid_on = $3
       WHERE id = $1 RETURNING ${BATCH}`,
      [id, by, paidOn],
    );
    return toBatch(present(updated(rows), 'the paid payment batch'));
  }
}
