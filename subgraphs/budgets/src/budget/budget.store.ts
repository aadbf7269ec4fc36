import { isUuid, returnedRow, updatedRows } from '@hb/kit';
import { num, numOrNull, type Queryable, type RawRow } from '../shared/sql';

export type BudgetStatus = 'DRAFT' | 'DECIDED' | 'ACTIVE' | 'CLOSED' | 'ENDED';
export type PaymentInstrument = 'VOUCHER' | 'CARD';

export interface BudgetRow {
  id: string;
  clientId: string;
  municipalityCode: string;
  year: number;
  serviceTypeCode: string;
  hbClassId: string | null;
  status: BudgetStatus;
  instrument: PaymentInstrument;
  paymentIntervalMonths: number;
  /** The decided yearly amount (the balance row carries the ledger's view of it). */
  grantedCents: number;
  unitPriceCents: number | null;
  schedule: unknown;
  explanation: string;
  version: number;
  decidedAt: Date;
}

export interface BalanceRow {
  budgetId: string;
  grantedCents: number;
  paidOutCents: number;
  spentCents: number;
  pendingCents: number;
  lapsedCents: number;
  remainingCents: number;
  /** What payment commitments hold (kept by a trigger; see the Commitments migration). */
  committedCents: number;
}

export interface InstalmentRow {
  id: string;
  budgetId: string;
  firstMonth: number;
  lastMonth: number;
  dueDate: string;
  amountCents: number;
  paidTransactionId: string | null;
}

/** What changed, in the outbox: the subscription delivers these. */
export type BudgetChangeKind =
  | 'DECIDED'
  | 'REASSESSED'
  | 'INSTALMENT_PAID'
  | 'CHARGE_RECORDED'
  | 'CHARGE_CONFIRMED'
  | 'CHARGE_REJECTED'
  | 'ALERT_RAISED'
  | 'ALERT_RESOLVED'
  | 'ALERT_UPDATED'
  | 'ALERT_ACKNOWLEDGED'
  | 'LAPSED'
  | 'CLOSED'
  | 'ENDED'
  | 'COMMITMENT_ISSUED'
  | 'COMMITMENT_CANCELLED'
  | 'COMMITMENTS_FROM_PLAN'
  | 'EXPENSE_APPROVED';

const BUDGET_COLUMNS = `
  id, client_id AS "clientId", municipality_code AS "municipalityCode", year,
  service_type AS "serviceTypeCode", hb_class_id AS "hbClassId", status, instrument,
  payment_interval_months AS "paymentIntervalMonths", granted_cents AS "grantedCents",
  unit_price_cents AS "unitPriceCents", schedule, explanation, version, decided_at AS "decidedAt"`;

const toBudget = (r: Record<string, unknown>): BudgetRow => ({
  ...(r as unknown as BudgetRow),
  grantedCents: num(r.grantedCents),
  unitPriceCents: numOrNull(r.unitPriceCents),
});

const BALANCE_COLUMNS = `
  budget_id AS "budgetId", granted_cents AS "grantedCents", paid_out_cents AS "paidOutCents",
  spent_cents AS "spentCents", pending_cents AS "pendingCents", lapsed_cents AS "lapsedCents",
  remaining_cents AS "remainingCents", committed_cents AS "committedCents"`;

const toBalance = (r: Record<string, unknown>): BalanceRow => ({
  budgetId: r.budgetId as string,
  grantedCents: num(r.grantedCents),
  paidOutCents: num(r.paidOutCents),
  spentCents: num(r.spentCents),
  pendingCents: num(r.pendingCents),
  lapsedCents: num(r.lapsedCents),
  remainingCents: num(r.remainingCents),
  committedCents: num(r.committedCents),
});

/** Changes to the balance row; each is added to the current value. */
export interface BalanceDelta {
  granted?: number;
  paidOut?: number;
  spent?: number;
  pending?: number;
  lapsed?: number;
}

/** SQL for budgets, their balance, instalments and the event outbox (alerts: alert.store.ts). */
/** Advisory lock key that serialises outbox writes. */
export const OUTBOX_LOCK = 7_311_2023;

export class BudgetStore {
  constructor(private readonly db: Queryable) {}

  async byIds(ids: readonly string[], db: Queryable = this.db): Promise<BudgetRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await db.query(
      `SELECT ${BUDGET_COLUMNS} FROM budgets.budget WHERE id = ANY($1::uuid[])`,
      [valid],
    );
    return rows.map(toBudget);
  }

  async byClientIds(ids: readonly string[]): Promise<BudgetRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db.query(
      `SELECT ${BUDGET_COLUMNS} FROM budgets.budget WHERE client_id = ANY($1::uuid[])
       ORDER BY year DESC, service_type`,
      [valid],
    );
    return rows.map(toBudget);
  }

  /** The budget of a client's year and service, locked for a decision. */
  async findForUpdate(m: Queryable, clientId: string, year: number, serviceType: string) {
    const rows = await m.query(
      `SELECT ${BUDGET_COLUMNS} FROM budgets.budget
       WHERE client_id = $1 AND year = $2 AND service_type = $3 FOR UPDATE`,
      [clientId, year, serviceType],
    );
    return rows[0] ? toBudget(rows[0]) : null;
  }

  async lockBudget(m: Queryable, id: string): Promise<BudgetRow | null> {
    const rows = await m.query(
      `SELECT ${BUDGET_COLUMNS} FROM budgets.budget WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ? toBudget(rows[0]) : null;
  }

  async openBudgetIds(municipalityCode: string, year: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM budgets.budget WHERE municipality_code = $1 AND year = $2 AND status NOT IN ('CLOSED', 'ENDED')
       ORDER BY id`,
      [municipalityCode, year],
    );
    return rows.map((r) => r.id);
  }

  async activeBudgetIds(year: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM budgets.budget WHERE year = $1 AND status IN ('DECIDED', 'ACTIVE') ORDER BY id`,
      [year],
    );
    return rows.map((r) => r.id);
  }

  async insert(
    m: Queryable,
    v: Omit<BudgetRow, 'id' | 'version' | 'decidedAt'> & { decidedBy: string },
  ): Promise<BudgetRow> {
    const rows = await m.query(
      `INSERT INTO budgets.budget (client_id, municipality_code, year, service_type, hb_class_id, status,
         instrument, payment_interval_months, granted_cents, unit_price_cents, schedule, explanation, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       RETURNING ${BUDGET_COLUMNS}`,
      [
        v.clientId,
        v.municipalityCode,
        v.year,
        v.serviceTypeCode,
        v.hbClassId,
        v.status,
        v.instrument,
        v.paymentIntervalMonths,
        v.grantedCents,
        v.unitPriceCents,
        JSON.stringify(v.schedule),
        v.explanation,
        v.decidedBy,
      ],
    );
    return toBudget(returnedRow(rows));
  }

  async updateDecision(
    m: Queryable,
    id: string,
    v: Pick<
      BudgetRow,
      | 'hbClassId'
      | 'instrument'
      | 'paymentIntervalMonths'
      | 'grantedCents'
      | 'unitPriceCents'
      | 'schedule'
      | 'explanation'
    > & {
      decidedBy: string;
    },
  ): Promise<BudgetRow> {
    const rows = await m.query<RawRow[] | [RawRow[], number]>(
      `UPDATE budgets.budget SET hb_class_id = $2, instrument = $3, payment_interval_months = $4,
         granted_cents = $5, unit_price_cents = $6, schedule = $7, explanation = $8, decided_by = $9,
         decided_at = now(), version = version + 1
       WHERE id = $1 RETURNING ${BUDGET_COLUMNS}`,
      [
        id,
        v.hbClassId,
        v.instrument,
        v.paymentIntervalMonths,
        v.grantedCents,
        v.unitPriceCents,
        JSON.stringify(v.schedule),
        v.explanation,
        v.decidedBy,
      ],
    );
    return toBudget(returnedRow(updatedRows(rows)));
  }

  async setStatus(m: Queryable, id: string, status: BudgetStatus): Promise<void> {
    await m.query(
      `UPDATE budgets.budget SET status = $2, closed_at = CASE WHEN $2 = 'CLOSED' THEN now() ELSE closed_at END
       WHERE id = $1`,
      [id, status],
    );
  }

  // --- balance -----------------------------------------------------------------------------

  async insertBalance(m: Queryable, budgetId: string): Promise<void> {
    await m.query(`INSERT INTO budgets.budget_balance (budget_id, granted_cents) VALUES ($1, 0)`, [
      budgetId,
    ]);
  }

  async balances(ids: readonly string[]): Promise<BalanceRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db.query(
      `SELECT ${BALANCE_COLUMNS} FROM budgets.budget_balance WHERE budget_id = ANY($1::uuid[])`,
      [valid],
    );
    return rows.map(toBalance);
  }

  /** Locks the balance row: every change of a budget's money serialises here. */
  async lockBalance(m: Queryable, budgetId: string): Promise<BalanceRow | null> {
    const rows = await m.query(
      `SELECT ${BALANCE_COLUMNS} FROM budgets.budget_balance WHERE budget_id = $1 FOR UPDATE`,
      [budgetId],
    );
    return rows[0] ? toBalance(rows[0]) : null;
  }

  /** Applies a delta; the table's CHECKs refuse anything that would go negative. */
  async applyBalance(m: Queryable, budgetId: string, d: BalanceDelta): Promise<BalanceRow> {
    const rows = await m.query<RawRow[] | [RawRow[], number]>(
      `UPDATE budgets.budget_balance SET
         granted_cents = granted_cents + $2, paid_out_cents = paid_out_cents + $3,
         spent_cents = spent_cents + $4, pending_cents = pending_cents + $5,
         lapsed_cents = lapsed_cents + $6, updated_at = now()
       WHERE budget_id = $1 RETURNING ${BALANCE_COLUMNS}`,
      [budgetId, d.granted ?? 0, d.paidOut ?? 0, d.spent ?? 0, d.pending ?? 0, d.lapsed ?? 0],
    );
    return toBalance(returnedRow(updatedRows(rows)));
  }

  // --- instalments -------------------------------------------------------------------------

  async instalments(
    budgetIds: readonly string[],
    db: Queryable = this.db,
  ): Promise<InstalmentRow[]> {
    const valid = budgetIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT id, budget_id AS "budgetId", first_month AS "firstMonth", last_month AS "lastMonth",
              to_char(due_date, 'YYYY-MM-DD') AS "dueDate", amount_cents AS "amountCents",
              paid_transaction_id AS "paidTransactionId"
       FROM budgets.instalment WHERE budget_id = ANY($1::uuid[]) ORDER BY due_date, first_month`,
      [valid],
    );
    return rows.map((r) => ({
      ...(r as unknown as InstalmentRow),
      amountCents: num(r.amountCents),
    }));
  }

  async deleteUnpaidInstalments(m: Queryable, budgetId: string): Promise<void> {
    await m.query(
      `DELETE FROM budgets.instalment WHERE budget_id = $1 AND paid_transaction_id IS NULL`,
      [budgetId],
    );
  }

  async insertInstalments(
    m: Queryable,
    budgetId: string,
    list: ReadonlyArray<{ firstMonth: number; lastMonth: number; dueDate: string; cents: number }>,
  ): Promise<void> {
    if (list.length === 0) return;
    await m.query(
      `INSERT INTO budgets.instalment (budget_id, first_month, last_month, due_date, amount_cents)
       SELECT $1, f, l, d, a FROM unnest($2::int[], $3::int[], $4::date[], $5::bigint[]) AS t(f, l, d, a)`,
      [
        budgetId,
        list.map((i) => i.firstMonth),
        list.map((i) => i.lastMonth),
        list.map((i) => i.dueDate),
        list.map((i) => i.cents),
      ],
    );
  }

  async markInstalmentPaid(m: Queryable, id: string, transactionId: string): Promise<void> {
    await m.query(`UPDATE budgets.instalment SET paid_transaction_id = $2 WHERE id = $1`, [
      id,
      transactionId,
    ]);
  }

  // --- events ------------------------------------------------------------------------------

  /** Appends to the outbox in the caller's transaction and signals listeners on commit. */
  async insertEvent(
    m: Queryable,
    e: {
      budgetId: string;
      clientId: string;
      change: BudgetChangeKind;
      kind?: string | null;
      transactionId?: string | null;
    },
  ): Promise<string> {
    // The lock is taken before the sequence is drawn (the inserted row comes from the locking
    // CTE) and held to commit: events commit in sequence order, so a reader that continues
    // "after the last sequence seen" can never skip one. One statement: lock, insert, notify.
    // created_at is the moment of this statement, not of the transaction's start: events are
    // written last, so it is the moment just before the commit (what live latency counts from).
    const rows: Array<{ sequence: string }> = await m.query(
      `WITH locked AS (SELECT pg_advisory_xact_lock(${OUTBOX_LOCK})),
            added AS (
              INSERT INTO budgets.budget_event
                (budget_id, client_id, change, kind, transaction_id, created_at)
              SELECT $1::uuid, $2::uuid, $3::text, $4::text, $5::uuid, clock_timestamp()
              FROM locked RETURNING sequence)
       SELECT sequence::text AS sequence, pg_notify('budgets_budget_event', sequence::text)
       FROM added`,
      [e.budgetId, e.clientId, e.change, e.kind ?? null, e.transactionId ?? null],
    );
    return returnedRow(rows).sequence;
  }
}
