import { isUuid, returnedRow } from '@hb/kit';
import type { Queryable } from '../shared/sql';
import type { DecisionContent, DecisionKind, DecisionLanguage } from '../domain/decision-content';

export interface DecisionRow {
  id: string;
  budgetId: string;
  clientId: string;
  municipalityCode: string;
  version: number;
  previousId: string | null;
  kind: DecisionKind;
  language: DecisionLanguage;
  decidedBy: string;
  deciderName: string;
  decidedOn: string;
  decidedAt: Date;
  content: DecisionContent;
  documentSha256: string;
}

export type AppealStatus = 'FILED' | 'IN_HANDLING' | 'DECIDED';
export type AppealOutcome = 'UPHELD' | 'PARTLY_UPHELD' | 'REJECTED' | 'DISMISSED';

export interface AppealRow {
  id: string;
  decisionId: string;
  clientId: string;
  municipalityCode: string;
  filedBy: string;
  filedByRole: 'CLIENT' | 'TEAM_MEMBER';
  filedAt: Date;
  filedOn: string;
  inTime: boolean;
  demand: string;
  reasons: string;
  status: AppealStatus;
  handledBy: string | null;
  handlingNote: string | null;
  outcome: AppealOutcome | null;
  outcomeReasoning: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
}

// The document bytes are not among these: they are read only for a download.
const DECISION_COLUMNS = `
  id, budget_id AS "budgetId", client_id AS "clientId", municipality_code AS "municipalityCode",
  version, previous_id AS "previousId", kind, language, decided_by AS "decidedBy",
  decider_name AS "deciderName", to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn",
  decided_at AS "decidedAt", content, document_sha256 AS "documentSha256"`;

const APPEAL_COLUMNS = `
  id, decision_id AS "decisionId", client_id AS "clientId", municipality_code AS "municipalityCode",
  filed_by AS "filedBy", filed_by_role AS "filedByRole", filed_at AS "filedAt",
  to_char(filed_on, 'YYYY-MM-DD') AS "filedOn", in_time AS "inTime", demand, reasons, status,
  handled_by AS "handledBy", handling_note AS "handlingNote", outcome,
  outcome_reasoning AS "outcomeReasoning", decided_by_name AS "decidedByName",
  decided_at AS "decidedAt"`;

/** UPDATE … RETURNING through TypeORM answers [rows, count]; a SELECT answers rows. */
const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Array<
    Record<string, unknown>
  >;

/** SQL for decisions (insert-only; the database refuses changes) and their appeals. */
export class DecisionStore {
  constructor(private readonly db: Queryable) {}

  async byIds(ids: readonly string[], db: Queryable = this.db): Promise<DecisionRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return db.query(`SELECT ${DECISION_COLUMNS} FROM budgets.decision WHERE id = ANY($1::uuid[])`, [
      valid,
    ]);
  }

  /** Every decision of these budgets, oldest version first. */
  async ofBudgets(budgetIds: readonly string[]): Promise<DecisionRow[]> {
    const valid = budgetIds.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.query(
      `SELECT ${DECISION_COLUMNS} FROM budgets.decision WHERE budget_id = ANY($1::uuid[])
       ORDER BY budget_id, version`,
      [valid],
    );
  }

  /** The newest decision of a budget (the caller holds the budget's row lock). */
  async latest(m: Queryable, budgetId: string): Promise<DecisionRow | null> {
    const rows: DecisionRow[] = await m.query(
      `SELECT ${DECISION_COLUMNS} FROM budgets.decision WHERE budget_id = $1
       ORDER BY version DESC LIMIT 1`,
      [budgetId],
    );
    return rows[0] ?? null;
  }

  async insert(
    m: Queryable,
    v: Omit<DecisionRow, 'id' | 'decidedAt' | 'documentSha256'> & {
      decidedAt: Date;
      document: Buffer;
      documentSha256: string;
    },
  ): Promise<DecisionRow> {
    const rows: DecisionRow[] = await m.query(
      `INSERT INTO budgets.decision (budget_id, client_id, municipality_code, version, previous_id,
         kind, language, decided_by, decider_name, decided_on, decided_at, content, document,
         document_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING ${DECISION_COLUMNS}`,
      [
        v.budgetId,
        v.clientId,
        v.municipalityCode,
        v.version,
        v.previousId,
        v.kind,
        v.language,
        v.decidedBy,
        v.deciderName,
        v.decidedOn,
        v.decidedAt,
        JSON.stringify(v.content),
        v.document,
        v.documentSha256,
      ],
    );
    return returnedRow(rows);
  }

  /** The archived PDF of a decision. */
  async document(id: string): Promise<Buffer | null> {
    if (!isUuid(id)) return null;
    const rows: Array<{ document: Buffer }> = await this.db.query(
      `SELECT document FROM budgets.decision WHERE id = $1`,
      [id],
    );
    return rows[0]?.document ?? null;
  }

  /** Marks a budget ended (the caller holds its row lock and has checked it is not ended). */
  async endBudget(m: Queryable, budgetId: string, endDate: string, reason: string) {
    await m.query(
      `UPDATE budgets.budget SET status = 'ENDED', end_date = $2, end_reason = $3, ended_at = now()
       WHERE id = $1`,
      [budgetId, endDate, reason],
    );
  }

  /**
   * Resolves the ended budget's alerts: they were about using the budget, which is over. (The
   * alert service re-evaluates only budgets in use, so nothing else would ever resolve them.)
   * Answers how many were resolved.
   */
  async resolveAlerts(m: Queryable, budgetId: string): Promise<number> {
    const rows = rowsOf(
      await m.query(
        `UPDATE budgets.budget_alert SET status = 'RESOLVED', resolved_at = now(), updated_at = now()
         WHERE budget_id = $1 AND status <> 'RESOLVED' RETURNING id`,
        [budgetId],
      ),
    );
    return rows.length;
  }

  async appealsOfDecisions(ids: readonly string[]): Promise<AppealRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.query(
      `SELECT ${APPEAL_COLUMNS} FROM budgets.decision_appeal WHERE decision_id = ANY($1::uuid[])
       ORDER BY filed_at, id`,
      [valid],
    );
  }

  async appeal(id: string, m: Queryable = this.db, lock = false): Promise<AppealRow | null> {
    if (!isUuid(id)) return null;
    const rows: AppealRow[] = await m.query(
      `SELECT ${APPEAL_COLUMNS} FROM budgets.decision_appeal WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insertAppeal(
    m: Queryable,
    v: Pick<
      AppealRow,
      | 'decisionId'
      | 'clientId'
      | 'municipalityCode'
      | 'filedBy'
      | 'filedByRole'
      | 'filedOn'
      | 'inTime'
      | 'demand'
      | 'reasons'
    >,
  ): Promise<AppealRow> {
    const rows: AppealRow[] = await m.query(
      `INSERT INTO budgets.decision_appeal (decision_id, client_id, municipality_code, filed_by,
         filed_by_role, filed_on, in_time, demand, reasons)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${APPEAL_COLUMNS}`,
      [
        v.decisionId,
        v.clientId,
        v.municipalityCode,
        v.filedBy,
        v.filedByRole,
        v.filedOn,
        v.inTime,
        v.demand,
        v.reasons,
      ],
    );
    return returnedRow(rows);
  }

  /** Staff take an appeal into handling, with a note of what they do. */
  async startHandling(m: Queryable, id: string, by: string, note: string): Promise<AppealRow> {
    const rows = rowsOf(
      await m.query(
        `UPDATE budgets.decision_appeal SET status = 'IN_HANDLING', handled_by = $2, handling_note = $3
         WHERE id = $1 RETURNING ${APPEAL_COLUMNS}`,
        [id, by, note],
      ),
    );
    return rows[0] as unknown as AppealRow;
  }

  async decideAppeal(
    m: Queryable,
    id: string,
    v: {
      by: string;
      byName: string;
      outcome: AppealOutcome;
      reasoning: string;
      note: string | null;
    },
  ): Promise<AppealRow> {
    const rows = rowsOf(
      await m.query(
        `UPDATE budgets.decision_appeal SET status = 'DECIDED', handled_by = coalesce(handled_by, $2),
           handling_note = coalesce($6, handling_note), outcome = $3, outcome_reasoning = $4,
           decided_by = $2, decided_by_name = $5, decided_at = now()
         WHERE id = $1 RETURNING ${APPEAL_COLUMNS}`,
        [id, v.by, v.outcome, v.reasoning, v.byName, v.note],
      ),
    );
    return rows[0] as unknown as AppealRow;
  }
}
