import { returnedRow } from '@hb/kit';
import type { DataSource, EntityManager } from 'typeorm';

export interface ChangeRequestRow {
  id: string;
  planId: string;
  clientId: string;
  message: string;
  requestedByRole: string;
  requestedAt: Date;
}

const COLUMNS = `id, plan_id AS "planId", client_id AS "clientId", message,
  requested_by_role AS "requestedByRole", requested_at AS "requestedAt"`;

/** SQL for the client's requests to change a draft plan. */
export class ChangeRequestStore {
  constructor(private readonly db: DataSource) {}

  /** Each plan's requests, oldest first. */
  async byPlanIds(planIds: readonly string[]): Promise<ChangeRequestRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM plans.change_request WHERE plan_id = ANY($1::uuid[])
       ORDER BY requested_at, id`,
      [[...planIds]],
    );
  }

  async insert(
    m: EntityManager,
    row: { planId: string; clientId: string; message: string; by: string; role: 'CLIENT' },
  ): Promise<ChangeRequestRow> {
    const created = await m.query<ChangeRequestRow[]>(
      `INSERT INTO plans.change_request (plan_id, client_id, message, requested_by, requested_by_role)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.planId, row.clientId, row.message, row.by, row.role],
    );
    return returnedRow(created);
  }
}
