import {
  Money,
  MIN_REPORT_GROUP,
  badInput,
  exposedRows,
  forbidden,
  isSuppressed,
  mayReadReport,
  reportMunicipalities,
  requirePrincipal,
  todayInFinland,
  type RequestContext,
} from '@hb/kit';
import { checkYear } from '../domain';
import { forecast, yearPosition, type Forecast } from './forecast';
import type { CostRow } from './report-figures';
import type { ReportKey } from './report-key';
import {
  TOTAL_ROW,
  alertRow,
  costRow,
  groupRow,
  hiddenRows,
  providerRow,
  type ShownFigures,
} from './report-rows';
import type { ReportStore } from './report.store';

const money = (cents: number) => Money.fromCents(cents);

/** A cost row as shown: every figure null when the row is hidden. */
export function shownCost(row: CostRow, hidden: boolean) {
  const show = <T>(value: T): T | null => (hidden ? null : value);
  return {
    serviceType: row.serviceTypeCode ? { code: row.serviceTypeCode } : null,
    suppressed: hidden,
    clientCount: show(row.clientCount),
    budgetCount: show(row.budgetCount),
    granted: show(money(row.grantedCents)),
    paidOut: show(money(row.paidOutCents)),
    spent: show(money(row.spentCents)),
    pending: show(money(row.pendingCents)),
    lapsed: show(money(row.lapsedCents)),
  };
}

/** A forecast as shown: every figure null when it is hidden. */
export function shownForecast(f: Forecast, clientCount: number, hidden: boolean) {
  const show = (cents: number) => (hidden ? null : money(cents));
  return {
    asOf: f.asOf,
    suppressed: hidden,
    clientCount: hidden ? null : clientCount,
    granted: show(f.grantedCents),
    spent: show(f.spentCents),
    pending: show(f.pendingCents),
    projected: show(f.projectedCents),
    lapsing: show(f.lapsingCents),
  };
}

/**
 * A municipality's report: authorization (deny by default) and small-group suppression. The
 * organiser's report sums these (OrganiserReportService).
 */
export class ReportService {
  private readonly cache = new Map<string, Promise<ShownFigures>>();

  constructor(
    private readonly store: ReportStore,
    private readonly ctx: RequestContext,
    private readonly today: () => string = todayInFinland,
  ) {}

  /** The report of a municipality and year, or FORBIDDEN; also guards `_entities`. */
  get(municipalityCode: string, year: number): ReportKey {
    const p = requirePrincipal(this.ctx);
    if (!mayReadReport(p, municipalityCode))
      throw forbidden(
        'Only organiser staff and municipal systems with reports:read read the reports of this municipality.',
      );
    if (checkYear(year)) throw badInput('year must be from 2000 to 2100.');
    return { municipalityCode, year };
  }

  /** `reports(year)`: every municipality the token may read; FORBIDDEN when none. */
  list(year: number): ReportKey[] {
    const p = requirePrincipal(this.ctx);
    const codes = reportMunicipalities(p);
    if (codes.length === 0)
      throw forbidden('Only organiser staff and municipal systems with reports:read read reports.');
    return codes.map((code) => this.get(code, year));
  }

  /**
   * The figures of a report and the rows to hide, computed once per request; re-checks access.
   * Unsuppressed: for what this service and OrganiserReportService show, never shown as such.
   */
  figures(key: ReportKey): Promise<ShownFigures> {
    this.get(key.municipalityCode, key.year);
    const id = `${key.municipalityCode}|${key.year}`;
    let found = this.cache.get(id);
    if (!found) {
      found = this.store
        .figures(key.municipalityCode, key.year)
        .then((figures) => ({ figures, hidden: hiddenRows(figures) }));
      this.cache.set(id, found);
    }
    return found;
  }

  minGroupSize(): number {
    return MIN_REPORT_GROUP;
  }

  /** The total row's number of clients, hidden with it (one figure, never shown in one place only). */
  async hbClientCount(key: ReportKey): Promise<number | null> {
    const { figures, hidden } = await this.figures(key);
    return hidden.has(TOTAL_ROW) ? null : figures.hbClientCount;
  }

  async costs(key: ReportKey) {
    const { figures, hidden } = await this.figures(key);
    return figures.costs.map((r) => shownCost(r, hidden.has(costRow(r))));
  }

  /**
   * Who is in each client group, for the plans subgraph's goal attainment beside the cost
   * (internal: @inaccessible, only the gateway reads it, for a caller who may read the report).
   */
  async groupMembers(key: ReportKey) {
    const { figures, hidden } = await this.figures(key);
    const members = await this.store.groupMembers(key.municipalityCode, key.year);
    return figures.groups.map((g) => ({
      serviceTypeCode: g.serviceTypeCode,
      classLevel: g.classLevel,
      individual: g.hbClassId !== null && g.classLevel === null,
      costSuppressed: hidden.has(groupRow(g, figures.groups)),
      clientIds:
        members.find((m) => m.serviceTypeCode === g.serviceTypeCode && m.hbClassId === g.hbClassId)
          ?.clientIds ?? [],
    }));
  }

  /** Cost by service type and client group (HB class), under the same suppression. */
  async costsByGroup(key: ReportKey) {
    const { figures, hidden } = await this.figures(key);
    return figures.groups.map((g) => ({
      ...shownCost(g, hidden.has(groupRow(g, figures.groups))),
      classLevel: g.classLevel,
      individual: g.hbClassId !== null && g.classLevel === null,
    }));
  }

  async totalCost(key: ReportKey) {
    const { figures, hidden } = await this.figures(key);
    return shownCost(figures.total, hidden.has(TOTAL_ROW));
  }

  async providers(key: ReportKey) {
    const { figures, hidden } = await this.figures(key);
    return figures.providers.map((r) => {
      const suppressed = hidden.has(providerRow(r));
      return {
        provider: { id: r.providerId },
        suppressed,
        clientCount: suppressed ? null : r.clientCount,
        chargeCount: suppressed ? null : r.chargeCount,
        spent: suppressed ? null : money(r.spentCents),
        pending: suppressed ? null : money(r.pendingCents),
      };
    });
  }

  /**
   * The year-end forecast of the municipality: null before the year begins; all figures null
   * when the total row is hidden (the forecast's granted, spent and pending are the total's).
   */
  async forecast(key: ReportKey) {
    const { figures, hidden } = await this.figures(key);
    const at = yearPosition(key.year, this.today());
    if (!at) return null;
    return shownForecast(
      forecast(figures.budgets, at),
      figures.total.clientCount,
      hidden.has(TOTAL_ROW),
    );
  }

  /**
   * The forecast summed over every municipality the token may read (`reports(year)`), with
   * the municipalities as the parts of a sum: hidden when the sum minus the municipalities
   * shown in their own reports would give a hidden one back.
   */
  async forecastTotal(year: number) {
    return this.forecastOver(this.list(year), year);
  }

  /** The forecast summed over the given municipalities' reports (see {@link forecastTotal}). */
  async forecastOver(keys: ReportKey[], year: number) {
    const at = yearPosition(year, this.today());
    if (!at) return null;
    const shown = await Promise.all(
      keys.map(async (key) => ({ key, ...(await this.figures(key)) })),
    );
    const rowId = (key: ReportKey) => `municipality:${key.municipalityCode}`;
    const totalClients = shown.reduce((sum, { figures }) => sum + figures.total.clientCount, 0);
    // The municipalities' own forecasts are shown or hidden by their own reports; here only
    // the sum can be hidden: when it and the shown ones would give a hidden one back, or when
    // it is small itself.
    const exposed = exposedRows(
      {
        rows: [
          { id: TOTAL_ROW, clients: totalClients },
          ...shown.map(({ key, figures }) => ({
            id: rowId(key),
            clients: figures.total.clientCount,
          })),
        ],
        sums: [{ total: TOTAL_ROW, parts: keys.map(rowId) }],
      },
      new Set(shown.filter(({ hidden }) => hidden.has(TOTAL_ROW)).map(({ key }) => rowId(key))),
    );
    const hide = exposed.length > 0 || isSuppressed(totalClients);
    const sum = forecast(
      shown.flatMap(({ figures }) => figures.budgets),
      at,
    );
    return shownForecast(sum, totalClients, hide);
  }

  async alerts(key: ReportKey) {
    const { figures, hidden } = await this.figures(key);
    return figures.alerts.map((r) => {
      const suppressed = hidden.has(alertRow(r));
      return {
        kind: r.kind,
        suppressed,
        count: suppressed ? null : r.alertCount,
        clientCount: suppressed ? null : r.clientCount,
      };
    });
  }
}
