import type { AlertKind } from '../domain';
import type { Queryable } from '../shared/sql';
import { num } from '../shared/sql';

/** How the caseload is ordered; every order is descending (who needs attention first). */
export type CaseloadOrder =
  | 'WAITING_CHARGES'
  | 'OPEN_ALERTS'
  | 'USE_AHEAD'
  | 'USE_BEHIND'
  | 'PLANS_WAITING'
  | 'OVERDUE_REVIEWS';

/** The plans subgraph's figures, per client that has any (the rest count as 0). */
export interface PlanFigures {
  clientIds: string[];
  waitingAcceptance: number[];
  overdueReviews: number[];
}

/** What narrows the caseload (all optional, combined with AND). */
export interface CaseloadQuery {
  municipalities: readonly string[];
  year: number;
  /** Charges pending longer than this many days count as waiting. */
  waitingDays: number;
  /** The elapsed share of `year` today (0..1), from the domain's calendar. */
  elapsedShare: number;
  order: CaseloadOrder;
  hasWaitingCharges: boolean | null;
  hasOpenAlerts: boolean | null;
  alertKind: AlertKind | null;
  hasPlanWaiting: boolean | null;
  hasOverdueReviews: boolean | null;
  /** Given when the order or a filter needs them; null: plan figures play no part. */
  plans: PlanFigures | null;
  clientIds: readonly string[] | null;
  limit: number;
  /** Keyset: the last row's sort key and client id. */
  after: { key: number; clientId: string } | null;
}

/** One client's figures for the year, summed over her budgets. */
export interface CaseloadRow {
  clientId: string;
  municipalityCode: string;
  budgetIds: string[];
  grantedCents: number;
  usedCents: number;
  openAlerts: Record<AlertKind, number>;
  openAlertCount: number;
  waitingCharges: number;
  oldestWaitingSince: Date | null;
  /** Null when the plan figures were not asked for. */
  plansWaiting: number | null;
  overdueReviews: number | null;
  sortKey: number;
}

export interface CaseloadCounts {
  clients: number;
  waitingConfirmation: number;
  withOpenAlerts: number;
  useAhead: number;
  useBehind: number;
}

/** Use counts as ahead or behind the year when it differs from the elapsed share by this much. */
export const USE_GAP = 0.2;

/**
 * The caseload in ONE statement whatever the page size: per-client sums of balances, unresolved
 * alerts by kind and charges waiting for confirmation, ordered and cut on the server (keyset),
 * with the counts over the whole filtered caseload beside the page.
 */
export class CaseloadStore {
  constructor(private readonly db: Queryable) {}

  async page(q: CaseloadQuery): Promise<{ rows: CaseloadRow[]; counts: CaseloadCounts }> {
    const raw: Array<Record<string, unknown>> = await this.db.query(
      `WITH c AS (
         SELECT b.client_id, min(b.municipality_code) AS municipality_code,
                array_agg(b.id ORDER BY b.service_type) AS budget_ids,
                sum(bal.granted_cents) AS granted, sum(bal.spent_cents + bal.pending_cents) AS used
         FROM budgets.budget b JOIN budgets.budget_balance bal ON bal.budget_id = b.id
         WHERE b.municipality_code = ANY($1::text[]) AND b.year = $2 AND b.status <> 'DRAFT'
           AND ($10::uuid[] IS NULL OR b.client_id = ANY($10::uuid[]))
         GROUP BY b.client_id),
       a AS (
         SELECT b.client_id,
                count(*) FILTER (WHERE al.kind = 'UNDERUSE') AS underuse,
                count(*) FILTER (WHERE al.kind = 'OVERUSE') AS overuse,
                count(*) FILTER (WHERE al.kind = 'ABNORMAL_CHARGE') AS abnormal,
                count(*) FILTER (WHERE al.kind = 'YEAR_END_LAPSE_AHEAD') AS lapse,
                count(*) AS total,
                bool_or($9::text IS NULL OR al.kind = $9::text) AS has_kind
         FROM budgets.budget_alert al JOIN budgets.budget b ON b.id = al.budget_id
         WHERE al.status = 'OPEN' AND b.client_id IN (SELECT client_id FROM c) AND b.year = $2
         GROUP BY b.client_id),
       w AS (
         SELECT b.client_id, count(*) AS n, min(t.created_at) AS oldest
         FROM budgets.ledger_transaction t JOIN budgets.budget b ON b.id = t.budget_id
         WHERE t.status = 'PENDING_CONFIRMATION' AND t.created_at < now() - make_interval(days => $3)
           AND b.client_id IN (SELECT client_id FROM c) AND b.year = $2
         GROUP BY b.client_id),
       r AS (
         SELECT c.*, coalesce(a.underuse, 0) AS underuse, coalesce(a.overuse, 0) AS overuse,
                coalesce(a.abnormal, 0) AS abnormal, coalesce(a.lapse, 0) AS lapse,
                coalesce(a.total, 0) AS alerts, coalesce(a.has_kind, false) AS has_kind,
                coalesce(w.n, 0) AS waiting, w.oldest,
                CASE WHEN c.granted > 0 THEN c.used::float8 / c.granted ELSE 0 END - $4::float8
                  AS ahead,
                coalesce(pl.waiting_acceptance, 0) AS plans_waiting,
                coalesce(pl.overdue_reviews, 0) AS overdue_reviews
         FROM c LEFT JOIN a USING (client_id) LEFT JOIN w USING (client_id)
         -- The plans subgraph's figures arrive as parameters: joined here, ordered with the rest.
         LEFT JOIN unnest($13::uuid[], $14::int[], $15::int[])
                     AS pl(client_id, waiting_acceptance, overdue_reviews) USING (client_id)),
       f AS (
         SELECT r.*, CASE $5::text
                  WHEN 'WAITING_CHARGES' THEN r.waiting::float8
                  WHEN 'OPEN_ALERTS' THEN r.alerts::float8
                  WHEN 'USE_AHEAD' THEN r.ahead
                  WHEN 'PLANS_WAITING' THEN r.plans_waiting::float8
                  WHEN 'OVERDUE_REVIEWS' THEN r.overdue_reviews::float8
                  ELSE -r.ahead END AS sort_key
         FROM r
         WHERE ($6::boolean IS NULL OR (r.waiting > 0) = $6)
           AND ($7::boolean IS NULL OR (r.alerts > 0) = $7)
           AND ($9::text IS NULL OR r.has_kind)
           AND ($16::boolean IS NULL OR (r.plans_waiting > 0) = $16)
           AND ($17::boolean IS NULL OR (r.overdue_reviews > 0) = $17))
       SELECT p.*, s.*
       FROM (SELECT count(*) AS n_clients,
                    count(*) FILTER (WHERE waiting > 0) AS n_waiting,
                    count(*) FILTER (WHERE alerts > 0) AS n_alerts,
                    count(*) FILTER (WHERE ahead > ${USE_GAP}) AS n_ahead,
                    count(*) FILTER (WHERE ahead < -${USE_GAP}) AS n_behind FROM f) s
       LEFT JOIN LATERAL (
         SELECT * FROM f
         WHERE $11::float8 IS NULL OR (f.sort_key, f.client_id) < ($11::float8, $12::uuid)
         ORDER BY f.sort_key DESC, f.client_id DESC LIMIT $8) p ON true`,
      [
        q.municipalities,
        q.year,
        q.waitingDays,
        q.elapsedShare,
        q.order,
        q.hasWaitingCharges,
        q.hasOpenAlerts,
        q.limit,
        q.alertKind,
        q.clientIds,
        q.after?.key ?? null,
        q.after?.clientId ?? null,
        q.plans?.clientIds ?? [],
        q.plans?.waitingAcceptance ?? [],
        q.plans?.overdueReviews ?? [],
        q.hasPlanWaiting,
        q.hasOverdueReviews,
      ],
    );
    const first = raw[0];
    const counts: CaseloadCounts = {
      clients: num(first?.n_clients ?? 0),
      waitingConfirmation: num(first?.n_waiting ?? 0),
      withOpenAlerts: num(first?.n_alerts ?? 0),
      useAhead: num(first?.n_ahead ?? 0),
      useBehind: num(first?.n_behind ?? 0),
    };
    const rows = raw
      .filter((r) => r.client_id)
      .map((r) => ({
        clientId: r.client_id as string,
        municipalityCode: r.municipality_code as string,
        budgetIds: r.budget_ids as string[],
        grantedCents: num(r.granted),
        usedCents: num(r.used),
        openAlerts: {
          UNDERUSE: num(r.underuse),
          OVERUSE: num(r.overuse),
          ABNORMAL_CHARGE: num(r.abnormal),
          YEAR_END_LAPSE_AHEAD: num(r.lapse),
        },
        openAlertCount: num(r.alerts),
        waitingCharges: num(r.waiting),
        oldestWaitingSince: (r.oldest as Date | null) ?? null,
        plansWaiting: q.plans ? num(r.plans_waiting) : null,
        overdueReviews: q.plans ? num(r.overdue_reviews) : null,
        sortKey: Number(r.sort_key),
      }));
    return { rows, counts };
  }
}
