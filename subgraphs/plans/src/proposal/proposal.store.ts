import { returnedRow, isUuid, type Queryable } from '@hb/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProposalChoice, ProposalRow, SelfAssessmentAnswer } from './proposal.model';

/** A data source or a transaction: anything that runs SQL (typed rows, see the kit). */
type Db = Queryable;

const COLUMNS = `
  r.id, r.client_id AS "clientId", r.wishes, r.needs, r.goals,
  r.self_assessment AS "selfAssessment", r.choices, r.status, r.submitted_at AS "submittedAt",
  r.updated_by_role AS "updatedByRole", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

const uuids = (ids: readonly string[]) => [...new Set(ids.filter(isUuid))];

/** SQL for proposals. One per client; batch reads are one statement. */
export class ProposalStore {
  constructor(readonly db: DataSource) {}

  async byClientIds(ids: readonly string[], db: Db = this.db): Promise<ProposalRow[]> {
    return db.query(`SELECT ${COLUMNS} FROM plans.proposal r WHERE r.client_id = ANY($1::uuid[])`, [
      uuids(ids),
    ]);
  }

  async byIds(ids: readonly string[]): Promise<ProposalRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM plans.proposal r WHERE r.id = ANY($1::uuid[])`, [
      uuids(ids),
    ]);
  }

  /** Writes the proposal's contents; its status and submission stay as they are. */
  async upsert(
    m: EntityManager,
    clientId: string,
    v: {
      wishes: string;
      needs: string;
      goals: string;
      selfAssessment: SelfAssessmentAnswer[];
      choices: ProposalChoice[];
      updatedByRole: string;
    },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO plans.proposal (client_id, wishes, needs, goals, self_assessment, choices, updated_by_role)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)
       ON CONFLICT (client_id) DO UPDATE SET wishes = EXCLUDED.wishes, needs = EXCLUDED.needs,
         goals = EXCLUDED.goals, self_assessment = EXCLUDED.self_assessment,
         choices = EXCLUDED.choices, updated_by_role = EXCLUDED.updated_by_role, updated_at = now()
       RETURNING id`,
      [
        clientId,
        v.wishes,
        v.needs,
        v.goals,
        JSON.stringify(v.selfAssessment),
        JSON.stringify(v.choices),
        v.updatedByRole,
      ],
    );
    return returnedRow(rows).id;
  }

  async lockByClient(m: EntityManager, clientId: string): Promise<ProposalRow | null> {
    const rows: ProposalRow[] = await m.query(
      `SELECT ${COLUMNS} FROM plans.proposal r WHERE r.client_id = $1 FOR UPDATE`,
      [clientId],
    );
    return rows[0] ?? null;
  }

  async submit(m: EntityManager, id: string): Promise<void> {
    await m.query(
      `UPDATE plans.proposal SET status = 'SUBMITTED', submitted_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  }
}
