import { num, type Queryable } from '../shared/sql';
import type { CostRow, ReportFigures } from './report-figures';

const toCost = (r: Record<string, unknown>): CostRow => ({
  serviceTypeCode: (r.serviceTypeCode as string | null) ?? null,
  clientCount: num(r.clientCount),
  budgetCount: num(r.budgetCount),
  grantedCents: num(r.grantedCents),
  paidOutCents: num(r.paidOutCents),
  spentCents: num(r.spentCents),
  pendingCents: num(r.pendingCents),
  lapsedCents: num(r.lapsedCents),
});

/**
 * The organiser's figures, computed in SQL from this subgraph's own tables only. Budgets of
 * the year that are decided (not drafts) count. Money is in cents.
 * - costs: from the balance rows (granted incl. re-assessments, paid out, spent = confirmed
 *   charges, pending = charges awaiting confirmation, lapsed at year end), per service type and
 *   in total (GROUPING SETS), with the number of distinct clients behind each row;
 * - providers: charges per provider: confirmed (spent) and pending, never rejected;
 * - cells: the same charges per service type and provider, only to decide what to hide;
 * - alerts: alerts of budgets not yet closed ("open"), per kind.
 */
export class ReportStore {
  constructor(private readonly db: Queryable) {}

  /** The clients of each client group (service type and HB class) of the year's budgets. */
  async groupMembers(
    municipalityCode: string,
    year: number,
    db: Queryable = this.db,
  ): Promise<Array<{ serviceTypeCode: string; hbClassId: string | null; clientIds: string[] }>> {
    return db.query(
      `SELECT b.service_type AS "serviceTypeCode", b.hb_class_id AS "hbClassId",
              array_agg(DISTINCT b.client_id::text) AS "clientIds"
         FROM budgets.budget b
        WHERE b.municipality_code = $1 AND b.year = $2 AND b.status <> 'DRAFT'
        GROUP BY b.service_type, b.hb_class_id`,
      [municipalityCode, year],
    );
  }

  async figures(
    municipalityCode: string,
    year: number,
    db: Queryable = this.db,
  ): Promise<ReportFigures> {
    const params = [municipalityCode, year];
    const costs: Array<Record<string, unknown>> = await db.query(
      `SELECT b.service_type AS "serviceTypeCode", GROUPING(b.service_type) AS "isTotal",
              count(DISTINCT b.client_id) AS "clientCount", count(*) AS "budgetCount",
              coalesce(sum(bb.granted_cents), 0) AS "grantedCents",
              coalesce(sum(bb.paid_out_cents), 0) AS "paidOutCents",
              coalesce(sum(bb.spent_cents), 0) AS "spentCents",
              coalesce(sum(bb.pending_cents), 0) AS "pendingCents",
              coalesce(sum(bb.lapsed_cents), 0) AS "lapsedCents"
         FROM budgets.budget b JOIN budgets.budget_balance bb ON bb.budget_id = b.id
        WHERE b.municipality_code = $1 AND b.year = $2 AND b.status <> 'DRAFT'
        GROUP BY GROUPING SETS ((b.service_type), ())
        ORDER BY GROUPING(b.service_type), b.service_type`,
      params,
    );
    const totalRow = costs.find((r) => num(r.isTotal) === 1);
    const total = totalRow
      ? { ...toCost(totalRow), serviceTypeCode: null }
      : toCost({
          serviceTypeCode: null,
          clientCount: 0,
          budgetCount: 0,
          grantedCents: 0,
          paidOutCents: 0,
          spentCents: 0,
          pendingCents: 0,
          lapsedCents: 0,
        });
    const groups: Array<Record<string, unknown>> = await db.query(
      `SELECT b.service_type AS "serviceTypeCode", b.hb_class_id AS "hbClassId", c.level AS "classLevel",
              count(DISTINCT b.client_id) AS "clientCount", count(*) AS "budgetCount",
              coalesce(sum(bb.granted_cents), 0) AS "grantedCents",
              coalesce(sum(bb.paid_out_cents), 0) AS "paidOutCents",
              coalesce(sum(bb.spent_cents), 0) AS "spentCents",
              coalesce(sum(bb.pending_cents), 0) AS "pendingCents",
              coalesce(sum(bb.lapsed_cents), 0) AS "lapsedCents"
         FROM budgets.budget b JOIN budgets.budget_balance bb ON bb.budget_id = b.id
         LEFT JOIN budgets.hb_class c ON c.id = b.hb_class_id
        WHERE b.municipality_code = $1 AND b.year = $2 AND b.status <> 'DRAFT'
        GROUP BY b.service_type, b.hb_class_id, c.level
        ORDER BY b.service_type, c.level NULLS LAST, b.hb_class_id`,
      params,
    );
    const providers: Array<Record<string, unknown>> = await db.query(
      `SELECT t.provider_id AS "providerId", count(DISTINCT b.client_id) AS "clientCount", count(*) AS "chargeCount",
              coalesce(sum(t.amount_cents) FILTER (WHERE t.status = 'CONFIRMED'), 0) AS "spentCents",
              coalesce(sum(t.amount_cents) FILTER (WHERE t.status = 'PENDING_CONFIRMATION'), 0) AS "pendingCents"
         FROM budgets.budget b JOIN budgets.ledger_transaction t ON t.budget_id = b.id
        WHERE b.municipality_code = $1 AND b.year = $2 AND b.status <> 'DRAFT'
          AND t.kind = 'CHARGE' AND t.status <> 'REJECTED'
        GROUP BY t.provider_id
        ORDER BY 4 DESC, t.provider_id`,
      params,
    );
    const cells: Array<Record<string, unknown>> = await db.query(
      `SELECT b.service_type AS "serviceTypeCode", t.provider_id AS "providerId",
              count(DISTINCT b.client_id) AS "clientCount"
         FROM budgets.budget b JOIN budgets.ledger_transaction t ON t.budget_id = b.id
        WHERE b.municipality_code = $1 AND b.year = $2 AND b.status <> 'DRAFT'
          AND t.kind = 'CHARGE' AND t.status <> 'REJECTED'
        GROUP BY b.service_type, t.provider_id
        ORDER BY b.service_type, t.provider_id`,
      params,
    );
    const alerts: Array<Record<string, unknown>> = await db.query(
      `SELECT a.kind, count(*) AS "alertCount", count(DISTINCT b.client_id) AS "clientCount"
         FROM budgets.budget b JOIN budgets.budget_alert a ON a.budget_id = b.id
        WHERE b.municipality_code = $1 AND b.year = $2 AND b.status NOT IN ('DRAFT', 'CLOSED')
        GROUP BY a.kind
        ORDER BY a.kind`,
      params,
    );
    const budgets: Array<Record<string, unknown>> = await db.query(
      `SELECT bb.granted_cents AS "grantedCents", bb.spent_cents AS "spentCents",
              bb.pending_cents AS "pendingCents", bb.lapsed_cents AS "lapsedCents",
              b.status IN ('DECIDED', 'ACTIVE') AS open
         FROM budgets.budget b JOIN budgets.budget_balance bb ON bb.budget_id = b.id
        WHERE b.municipality_code = $1 AND b.year = $2 AND b.status <> 'DRAFT'`,
      params,
    );
    return {
      hbClientCount: total.clientCount,
      costs: costs.filter((r) => num(r.isTotal) === 0).map(toCost),
      total,
      groups: groups.map((r) => ({
        ...toCost(r),
        serviceTypeCode: r.serviceTypeCode as string,
        hbClassId: (r.hbClassId as string | null) ?? null,
        classLevel: r.classLevel === null || r.classLevel === undefined ? null : num(r.classLevel),
      })),
      providers: providers.map((r) => ({
        providerId: r.providerId as string,
        clientCount: num(r.clientCount),
        chargeCount: num(r.chargeCount),
        spentCents: num(r.spentCents),
        pendingCents: num(r.pendingCents),
      })),
      cells: cells.map((r) => ({
        serviceTypeCode: r.serviceTypeCode as string,
        providerId: r.providerId as string,
        clientCount: num(r.clientCount),
      })),
      alerts: alerts.map((r) => ({
        kind: r.kind as string,
        alertCount: num(r.alertCount),
        clientCount: num(r.clientCount),
      })),
      budgets: budgets.map((r) => ({
        grantedCents: num(r.grantedCents),
        spentCents: num(r.spentCents),
        pendingCents: num(r.pendingCents),
        lapsedCents: num(r.lapsedCents),
        open: r.open === true,
      })),
    };
  }
}
