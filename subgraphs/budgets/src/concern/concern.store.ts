import { returnedRow } from '@hb/kit';
import type { Queryable } from '../shared/sql';

export interface ConcernRow {
  id: string;
  commitmentId: string;
  clientId: string;
  municipalityCode: string;
  providerId: string;
  kind: 'ABNORMAL_USE' | 'NEED_NOT_MET';
  message: string;
  raisedAt: Date;
}

/** SQL for concerns: written once, never changed. */
export class ConcernStore {
  async insert(
    m: Queryable,
    c: {
      commitmentId: string;
      budgetId: string;
      clientId: string;
      municipalityCode: string;
      providerId: string;
      kind: string;
      message: string;
      raisedBy: string;
    },
  ): Promise<ConcernRow> {
    const rows: ConcernRow[] = await m.query(
      `INSERT INTO budgets.concern (commitment_id, budget_id, client_id, municipality_code,
         provider_id, kind, message, raised_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, commitment_id AS "commitmentId", client_id AS "clientId",
         municipality_code AS "municipalityCode", provider_id AS "providerId", kind, message,
         raised_at AS "raisedAt"`,
      [
        c.commitmentId,
        c.budgetId,
        c.clientId,
        c.municipalityCode,
        c.providerId,
        c.kind,
        c.message,
        c.raisedBy,
      ],
    );
    return returnedRow(rows);
  }
}
