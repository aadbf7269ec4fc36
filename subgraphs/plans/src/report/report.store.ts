import type { DataSource } from 'typeorm';
import { MIN_REPORT_GROUP } from '@hb/kit';

export interface SwitchReasonRow {
  /** False for the one row that merges every reason given by fewer than five clients. */
  listed: boolean;
  reason: string | null;
  switchCount: number;
  clientCount: number;
}

export interface SwitchTotals {
  switchCount: number;
  clientCount: number;
}

export interface GoalFactRow {
  clientId: string;
  reviewDates: string[];
  reviewedAt: string[];
  reviewCount: number;
  latestAttainment: number | null;
}

export interface FeedbackGroupRow {
  targetKind: 'PLAN' | 'PROVIDER' | 'GENERAL';
  feedbackCount: number;
  clientCount: number;
  averageRating: number;
}

export interface ProviderQualityRow {
  providerId: string;
  clientCount: number;
  feedbackCount: number;
  averageRating: number | null;
  complaintCount: number;
}

const n = (v: unknown) => Number(v);

/** SQL over this subgraph's own tables for the organiser's report; never returns client data. */
export class PlanReportStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Provider switches of the municipality's plans of the year, grouped by their reason
   * (case and spacing ignored). Reasons given by fewer than five clients are merged into one
   * unlisted row whose text is not returned.
   */
  async switchReasons(
    municipalityCode: string,
    year: number,
  ): Promise<{ totals: SwitchTotals; reasons: SwitchReasonRow[] }> {
    const base = `
      SELECT p.client_id, regexp_replace(btrim(s.reason), '\\s+', ' ', 'g') AS reason, lower(regexp_replace(btrim(s.reason), '\\s+', ' ', 'g')) AS norm
        FROM plans.provider_switch s JOIN plans.implementation_plan p ON p.id = s.plan_id
       WHERE s.municipality_code = $1 AND p.year = $2`;
    const totals: Array<Record<string, unknown>> = await this.db.query(
      `WITH s AS (${base}) SELECT count(*) AS "switchCount", count(DISTINCT client_id) AS "clientCount" FROM s`,
      [municipalityCode, year],
    );
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `WITH s AS (${base}),
            g AS (SELECT norm, count(DISTINCT client_id) AS clients FROM s GROUP BY norm)
       SELECT g.clients >= $3 AS listed,
              CASE WHEN g.clients >= $3 THEN mode() WITHIN GROUP (ORDER BY s.reason) END AS reason,
              count(*) AS "switchCount", count(DISTINCT s.client_id) AS "clientCount"
         FROM s JOIN g ON g.norm = s.norm
        GROUP BY g.clients >= $3, CASE WHEN g.clients >= $3 THEN s.norm END
        ORDER BY 1 DESC, 3 DESC, 2`,
      [municipalityCode, year, MIN_REPORT_GROUP],
    );
    return {
      totals: {
        switchCount: n(totals[0]?.switchCount ?? 0),
        clientCount: n(totals[0]?.clientCount ?? 0),
      },
      reasons: rows.map((r) => ({
        listed: r.listed === true,
        reason: (r.reason as string | null) ?? null,
        switchCount: n(r.switchCount),
        clientCount: n(r.clientCount),
      })),
    };
  }

  /** Goals of the accepted plans of the year, each with its review history (all versions of the goal). */
  async goalFacts(municipalityCode: string, year: number): Promise<GoalFactRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT p.client_id AS "clientId",
              ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(g.review_dates) d) AS "reviewDates",
              r.reviewed AS "reviewedAt", r.review_count AS "reviewCount", r.latest AS "latestAttainment"
         FROM plans.goal g
         JOIN plans.implementation_plan p ON p.id = g.plan_id
         CROSS JOIN LATERAL (
           SELECT coalesce(array_agg(to_char(x.reviewed_at, 'YYYY-MM-DD') ORDER BY x.reviewed_at), '{}') AS reviewed,
                  count(*) AS review_count,
                  (array_agg(x.attainment ORDER BY x.reviewed_at DESC, x.recorded_at DESC))[1] AS latest
             FROM plans.goal_review x JOIN plans.goal gx ON gx.id = x.goal_id
            WHERE gx.lineage_id = g.lineage_id) r
        WHERE p.municipality_code = $1 AND p.year = $2 AND p.status = 'ACCEPTED'`,
      [municipalityCode, year],
    );
    return rows.map((r) => ({
      clientId: r.clientId as string,
      reviewDates: (r.reviewDates as string[] | null) ?? [],
      reviewedAt: (r.reviewedAt as string[] | null) ?? [],
      reviewCount: n(r.reviewCount),
      latestAttainment:
        r.latestAttainment === null || r.latestAttainment === undefined
          ? null
          : n(r.latestAttainment),
    }));
  }

  /**
   * Feedback of the year by what it is about (a provider, a plan, or in general). Feedback on a
   * plan belongs to the plan's year, other feedback to the year it was given. Ratings only: the
   * free text is never read here.
   */
  async feedbackGroups(municipalityCode: string, year: number): Promise<FeedbackGroupRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT CASE WHEN f.provider_id IS NOT NULL THEN 'PROVIDER' WHEN f.plan_id IS NOT NULL THEN 'PLAN' ELSE 'GENERAL' END AS "targetKind",
              count(*) AS "feedbackCount", count(DISTINCT f.client_id) AS "clientCount", avg(f.rating)::float8 AS "averageRating"
         FROM plans.feedback f LEFT JOIN plans.implementation_plan p ON p.id = f.plan_id
        WHERE f.municipality_code = $1
          AND coalesce(p.year, extract(year FROM f.at AT TIME ZONE 'Europe/Helsinki')::int) = $2
        GROUP BY 1 ORDER BY 1`,
      [municipalityCode, year],
    );
    return rows.map((r) => ({
      targetKind: r.targetKind as FeedbackGroupRow['targetKind'],
      feedbackCount: n(r.feedbackCount),
      clientCount: n(r.clientCount),
      averageRating: n(r.averageRating),
    }));
  }

  /**
   * Quality per provider over the year: feedback (count, average rating) and complaints
   * (count), with the number of distinct clients behind either, which decides suppression.
   */
  async providerQuality(municipalityCode: string, year: number): Promise<ProviderQualityRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `WITH f AS (
         SELECT provider_id, client_id, rating FROM plans.feedback
          WHERE provider_id IS NOT NULL AND municipality_code = $1
            AND extract(year FROM at AT TIME ZONE 'Europe/Helsinki')::int = $2),
       c AS (
         SELECT provider_id, client_id FROM plans.complaint
          WHERE provider_id IS NOT NULL AND municipality_code = $1
            AND extract(year FROM created_at AT TIME ZONE 'Europe/Helsinki')::int = $2),
       who AS (SELECT provider_id, client_id FROM f UNION SELECT provider_id, client_id FROM c)
       SELECT w.provider_id AS "providerId", count(DISTINCT w.client_id) AS "clientCount",
              (SELECT count(*) FROM f WHERE f.provider_id = w.provider_id) AS "feedbackCount",
              (SELECT avg(rating)::float8 FROM f WHERE f.provider_id = w.provider_id) AS "averageRating",
              (SELECT count(*) FROM c WHERE c.provider_id = w.provider_id) AS "complaintCount"
         FROM who w GROUP BY w.provider_id ORDER BY w.provider_id`,
      [municipalityCode, year],
    );
    return rows.map((r) => ({
      providerId: String(r.providerId),
      clientCount: n(r.clientCount),
      feedbackCount: n(r.feedbackCount),
      averageRating: r.averageRating === null ? null : n(r.averageRating),
      complaintCount: n(r.complaintCount),
    }));
  }
}
