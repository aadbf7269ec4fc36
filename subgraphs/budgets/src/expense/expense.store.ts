import { isUuid } from '@hb/kit';
import { num, type Queryable } from '../shared/sql';
import type { ReceiptType } from './receipt';

export type ExpenseStatus = 'SUBMITTED' | 'APPROVED' | 'REJECTED';

/** An expense without its receipt bytes (read only when the receipt itself is asked for). */
export interface ExpenseRow {
  id: string;
  commitmentId: string;
  budgetId: string;
  clientId: string;
  municipalityCode: string;
  amountCents: number;
  expenseDate: string;
  description: string;
  accountHolder: string;
  payeeIban: string;
  receiptType: ReceiptType;
  receiptName: string;
  receiptSize: number;
  status: ExpenseStatus;
  submittedBy: string;
  submittedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  transactionId: string | null;
}

const COLUMNS = `
  e.id, e.commitment_id AS "commitmentId", e.budget_id AS "budgetId", e.client_id AS "clientId",
  b.municipality_code AS "municipalityCode", e.amount_cents AS "amountCents",
  to_char(e.expense_date, 'YYYY-MM-DD') AS "expenseDate", e.description,
  e.account_holder AS "accountHolder", e.payee_iban AS "payeeIban",
  e.receipt_type AS "receiptType", e.receipt_name AS "receiptName",
  octet_length(e.receipt) AS "receiptSize", e.status, e.submitted_by AS "submittedBy",
  e.submitted_at AS "submittedAt", e.decided_by AS "decidedBy", e.decided_at AS "decidedAt",
  e.decision_reason AS "decisionReason", e.transaction_id AS "transactionId"`;
const FROM = `budgets.expense e JOIN budgets.budget b ON b.id = e.budget_id`;

const toRow = (r: Record<string, unknown>): ExpenseRow => ({
  ...(r as unknown as ExpenseRow),
  amountCents: num(r.amountCents),
  receiptSize: num(r.receiptSize),
});

/** SQL of expenses (taloudellinen tuki). Writes run in the caller's transaction. */
export class ExpenseStore {
  constructor(private readonly db: Queryable) {}

  async insert(
    m: Queryable,
    v: {
      commitmentId: string;
      budgetId: string;
      clientId: string;
      amountCents: number;
      expenseDate: string;
      description: string;
      accountHolder: string;
      payeeIban: string;
      receipt: Buffer;
      receiptType: ReceiptType;
      receiptName: string;
      submittedBy: string;
    },
  ): Promise<string> {
    const [row] = await m.query<[{ id: string }]>(
      `INSERT INTO budgets.expense (commitment_id, budget_id, client_id, amount_cents, expense_date,
         description, account_holder, payee_iban, receipt, receipt_type, receipt_name, submitted_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        v.commitmentId,
        v.budgetId,
        v.clientId,
        v.amountCents,
        v.expenseDate,
        v.description,
        v.accountHolder,
        v.payeeIban,
        v.receipt,
        v.receiptType,
        v.receiptName,
        v.submittedBy,
      ],
    );
    return row.id;
  }

  async byIds(ids: readonly string[], db: Queryable = this.db): Promise<ExpenseRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await db.query<Array<Record<string, unknown>>>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = ANY($1::uuid[])`,
      [valid],
    );
    return rows.map(toRow);
  }

  /** Expenses of the budgets, newest first. */
  async ofBudgets(budgetIds: readonly string[]): Promise<ExpenseRow[]> {
    const valid = budgetIds.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await this.db.query<Array<Record<string, unknown>>>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE e.budget_id = ANY($1::uuid[])
       ORDER BY e.submitted_at DESC, e.id DESC`,
      [valid],
    );
    return rows.map(toRow);
  }

  async lock(m: Queryable, id: string): Promise<ExpenseRow | null> {
    const rows = await m.query<Array<Record<string, unknown>>>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = $1 FOR UPDATE OF e`,
      [id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async receipt(id: string): Promise<Buffer | null> {
    const rows = await this.db.query<Array<{ receipt: Buffer }>>(
      `SELECT receipt FROM budgets.expense WHERE id = $1`,
      [id],
    );
    return rows[0]?.receipt ?? null;
  }

  /**
   * The ledger row of an approved expense: confirmed at once (staff approved it), drawn on its
   * commitment by the commitment trigger like a charge.
   */
  async insertLedgerRow(m: Queryable, e: ExpenseRow, by: string): Promise<{ id: string }> {
    const [row] = await m.query<[{ id: string }]>(
      `INSERT INTO budgets.ledger_transaction (budget_id, kind, amount_cents, status, created_by,
         service_date, description, commitment_id, resolved_by, resolved_at)
       VALUES ($1, 'EXPENSE', $2, 'CONFIRMED', $3, $4, $5, $6, $3, now()) RETURNING id`,
      [e.budgetId, e.amountCents, by, e.expenseDate, e.description.slice(0, 500), e.commitmentId],
    );
    return row;
  }

  async decide(
    m: Queryable,
    id: string,
    v: {
      status: 'APPROVED' | 'REJECTED';
      by: string;
      reason: string | null;
      transactionId: string | null;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE budgets.expense SET status = $2, decided_by = $3, decided_at = now(),
         decision_reason = $4, transaction_id = $5 WHERE id = $1`,
      [id, v.status, v.by, v.reason, v.transactionId],
    );
  }
}
