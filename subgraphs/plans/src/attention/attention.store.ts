import type { DataSource } from 'typeorm';

/** Sent drafts per client, and the review dates and reviews of accepted plans' goals. */
export interface AttentionRows {
  waiting: Array<{ clientId: string; waiting: number; revision: number }>;
  goals: Array<{ clientId: string; reviewDates: string[]; reviewedAt: string[] }>;
}

/**
 * SQL for the plan figures of a whole caseload: two statements whatever the number of clients.
 * Only clients with something to show are returned: a sent draft, or a goal with a review date
 * already past (whether it was reviewed is decided by the follow-up rules, not here).
 */
export class AttentionStore {
  constructor(private readonly db: DataSource) {}

  async rows(
    municipalities: readonly string[],
    year: number,
    today: string,
  ): Promise<AttentionRows> {
    // A sent draft waits for the client, unless she has asked for changes since it was sent:
    // then it waits for the HB centre to revise it (sending it again starts a new wait).
    const waiting: AttentionRows['waiting'] = await this.db.query(
      `SELECT client_id AS "clientId", count(*) FILTER (WHERE NOT asked)::int AS waiting,
              count(*) FILTER (WHERE asked)::int AS revision
       FROM (SELECT p.client_id, EXISTS (SELECT 1 FROM plans.change_request cr
                                         WHERE cr.plan_id = p.id AND cr.requested_at >= p.sent_at)
                                   AS asked
             FROM plans.implementation_plan p
             WHERE p.municipality_code = ANY($1::text[]) AND p.year = $2
               AND p.status = 'DRAFT' AND p.sent_at IS NOT NULL) sent
       GROUP BY client_id`,
      [municipalities, year],
    );
    const goals: AttentionRows['goals'] = await this.db.query(
      `SELECT p.client_id AS "clientId", g.review_dates::text[] AS "reviewDates",
              coalesce((SELECT array_agg(r.reviewed_at::text)
                        FROM plans.goal_review r JOIN plans.goal gv ON gv.id = r.goal_id
                        WHERE gv.lineage_id = g.lineage_id), '{}') AS "reviewedAt"
       FROM plans.implementation_plan p JOIN plans.goal g ON g.plan_id = p.id
       WHERE p.municipality_code = ANY($1::text[]) AND p.year = $2 AND p.status = 'ACCEPTED'
         AND EXISTS (SELECT 1 FROM unnest(g.review_dates) d WHERE d < $3::date)`,
      [municipalities, year, today],
    );
    return { waiting, goals };
  }
}
