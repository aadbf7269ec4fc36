import {
  Money,
  MIN_REPORT_GROUP,
  badInput,
  exposedRows,
  forbidden,
  isSuppressed,
  actsForOrganiser,
  mayReadReport,
  municipalityCodesOf,
  organiserById,
  reportMunicipalities,
  suppressTable,
  suppressTables,
  type TableRow,
  type TableSum,
  todayInFinland,
  unauthenticated,
  type RequestContext,
} from '@hb/kit';
import { checkYear } from '../domain';
import { forecast, yearPosition, type Forecast } from './forecast';
import type {
  AlertCountRow,
  CostRow,
  GroupCostRow,
  ProviderMoneyRow,
  ReportFigures,
  ReportStore,
  ServiceProviderCell,
} from './report.store';

export interface ReportKey {
  municipalityCode: string;
  year: number;
}

/** The report of an organiser (a wellbeing services county or a city) for a year. */
export interface OrganiserReportKey {
  organiserId: string;
  year: number;
}

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

export const TOTAL_ROW = 'total';
export const costRow = (r: CostRow) => `cost:${r.serviceTypeCode}`;
export const providerRow = (r: ProviderMoneyRow) => `provider:${r.providerId}`;
/**
 * A client group's row; the only group of a service type has the service's own figures, so it
 * is that row (shown or hidden with it), not another.
 */
export const groupRow = (r: GroupCostRow, all: readonly GroupCostRow[]) =>
  all.filter((g) => g.serviceTypeCode === r.serviceTypeCode).length === 1
    ? `cost:${r.serviceTypeCode}`
    : `group:${r.serviceTypeCode}|${r.hbClassId ?? 'none'}`;
export const alertRow = (r: AlertCountRow) => `alert:${r.kind}`;

/**
 * The rows of this subgraph's tables to hide: small groups and whatever else would let a
 * reader compute them back. Two kinds of figures add up differently:
 * - the budgets' money (granted, paid out, lapsed, budget count) by service type to the total;
 * - the charges (spent, pending) also by provider to the total, and both from the unpublished
 *   cells of service type and provider, which a reader who knows who serves what could use to
 *   subtract across the two tables. A service nobody charged has known zero charges.
 * - the client groups (service type and HB class): every figure of a service type's row is
 *   the sum of its groups'.
 * The alert kinds have no total anywhere and only hide themselves.
 */
export function hiddenRows(f: ReportFigures): Set<string> {
  const cellId = (c: ServiceProviderCell) => `cell:${c.serviceTypeCode}|${c.providerId}`;
  const total = { id: TOTAL_ROW, clients: f.total.clientCount };
  const costs = f.costs.map((r) => ({ id: costRow(r), clients: r.clientCount }));
  const charged = new Set(f.cells.map((c) => c.serviceTypeCode));
  const sumOfCosts = { total: TOTAL_ROW, parts: costs.map((r) => r.id) };
  const split = f.groups.filter((g) => groupRow(g, f.groups).startsWith('group:'));
  const groups = split.map((g) => ({ id: groupRow(g, f.groups), clients: g.clientCount }));
  const byGroup = f.costs
    .map((r) => ({
      total: costRow(r),
      parts: split
        .filter((g) => g.serviceTypeCode === r.serviceTypeCode)
        .map((g) => groupRow(g, f.groups)),
    }))
    .filter((sum) => sum.parts.length > 0);
  const inner = [
    ...f.costs.map((r) => ({
      total: costRow(r),
      parts: f.cells.filter((c) => c.serviceTypeCode === r.serviceTypeCode).map(cellId),
    })),
    ...f.providers.map((r) => ({
      total: providerRow(r),
      parts: f.cells.filter((c) => c.providerId === r.providerId).map(cellId),
    })),
  ].filter((sum) => sum.parts.length > 0);
  const money = suppressTables([
    { rows: [total, ...costs, ...groups], sums: [sumOfCosts, ...byGroup] },
    {
      rows: [
        total,
        ...costs.map((r, i) => ({ ...r, known: !charged.has(f.costs[i]!.serviceTypeCode ?? '') })),
        ...f.providers.map((r) => ({ id: providerRow(r), clients: r.clientCount })),
        ...f.cells.map((c) => ({ id: cellId(c), clients: c.clientCount, published: false })),
        ...groups,
      ],
      sums: [
        sumOfCosts,
        { total: TOTAL_ROW, parts: f.providers.map(providerRow) },
        ...inner,
        ...byGroup,
      ],
    },
  ]);
  const alerts = suppressTable({
    rows: f.alerts.map((r) => ({ id: alertRow(r), clients: r.clientCount })),
    sums: [],
  });
  return new Set([...money, ...alerts]);
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

interface ShownFigures {
  figures: ReportFigures;
  hidden: Set<string>;
}

/** The organiser's report: authorization (deny by default) and small-group suppression. */
export class ReportService {
  private readonly cache = new Map<string, Promise<ShownFigures>>();
  private readonly organiserCache = new Map<
    string,
    Promise<{
      total: ReturnType<typeof shownCost>;
      costs: Array<ReturnType<typeof shownCost>>;
      keys: ReportKey[];
    }>
  >();

  constructor(
    private readonly store: ReportStore,
    private readonly ctx: RequestContext,
    private readonly today: () => string = todayInFinland,
  ) {}

  /** The report of a municipality and year, or FORBIDDEN; also guards `_entities`. */
  get(municipalityCode: string, year: number): ReportKey {
    const p = this.ctx.principal;
    if (!p) throw unauthenticated();
    if (!mayReadReport(p, municipalityCode))
      throw forbidden(
        'Only organiser staff and municipal systems with reports:read read the reports of this municipality.',
      );
    if (checkYear(year)) throw badInput('year must be from 2000 to 2100.');
    return { municipalityCode, year };
  }

  /** `reports(year)`: every municipality the token may read; FORBIDDEN when none. */
  list(year: number): ReportKey[] {
    const p = this.ctx.principal;
    if (!p) throw unauthenticated();
    const codes = reportMunicipalities(p);
    if (codes.length === 0)
      throw forbidden('Only organiser staff and municipal systems with reports:read read reports.');
    return codes.map((code) => this.get(code, year));
  }

  /** The figures of a report and the rows to hide, computed once per request; re-checks access. */
  private figures(key: ReportKey): Promise<ShownFigures> {
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
  private async forecastOver(keys: ReportKey[], year: number) {
    const at = yearPosition(year, this.today());
    if (!at) return null;
    const shown = await Promise.all(keys.map((key) => this.figures(key)));
    const rowId = (key: ReportKey) => `municipality:${key.municipalityCode}`;
    const totalClients = shown.reduce((sum, { figures }) => sum + figures.total.clientCount, 0);
    // The municipalities' own forecasts are shown or hidden by their own reports; here only
    // the sum can be hidden: when it and the shown ones would give a hidden one back, or when
    // it is small itself.
    const exposed = exposedRows(
      {
        rows: [
          { id: TOTAL_ROW, clients: totalClients },
          ...keys.map((key, i) => ({
            id: rowId(key),
            clients: shown[i]!.figures.total.clientCount,
          })),
        ],
        sums: [{ total: TOTAL_ROW, parts: keys.map(rowId) }],
      },
      new Set(keys.filter((_, i) => shown[i]!.hidden.has(TOTAL_ROW)).map(rowId)),
    );
    const hide = exposed.length > 0 || isSuppressed(totalClients);
    const sum = forecast(
      shown.flatMap(({ figures }) => figures.budgets),
      at,
    );
    return shownForecast(sum, totalClients, hide);
  }

  /**
   * The organiser's report (issue 18 item 3): organiser staff acting for the whole organiser,
   * or its municipal system with reports:read; FORBIDDEN otherwise, the same for an organiser
   * that does not exist (nothing is revealed about it). Defaults to the token's organiser.
   */
  organiser(year: number, organiserId?: string | null): OrganiserReportKey {
    const p = this.ctx.principal;
    if (!p) throw unauthenticated();
    const id = organiserId ?? p.organiserId ?? null;
    const mayRead =
      !!id &&
      !!organiserById(id) &&
      actsForOrganiser(p, id) &&
      (p.role === 'ORGANISER' ||
        (p.role === 'MUNICIPAL_SYSTEM' && reportMunicipalities(p).length > 0));
    if (!mayRead)
      throw forbidden(
        'Only the organiser’s staff and its municipal systems with reports:read read its report.',
      );
    if (checkYear(year)) throw badInput('year must be from 2000 to 2100.');
    return { organiserId: id, year };
  }

  /** The organiser's municipalities' reports: the breakdown by municipality. */
  organiserMunicipalities(key: OrganiserReportKey): ReportKey[] {
    return municipalityCodesOf(key.organiserId).map((code) => this.get(code, key.year));
  }

  /**
   * The organiser-wide figures: the total and the costs by service type, summed over its
   * municipalities, each hidden when it is about 1–4 clients or when it together with what
   * the municipalities' own reports show would give back a figure they hide. The reader knows
   * every municipality's shown rows; the hidden ones are the unknowns to protect.
   */
  private async organiserFigures(key: OrganiserReportKey) {
    const found = this.organiserCache.get(`${key.organiserId}|${key.year}`);
    if (found) return found;
    const promise = (async () => {
      const keys = this.organiserMunicipalities(key);
      const shown = await Promise.all(keys.map((k) => this.figures(k)));
      const services = [
        ...new Set(shown.flatMap(({ figures }) => figures.costs.map((c) => c.serviceTypeCode!))),
      ].sort();
      const sum = (rows: CostRow[], serviceTypeCode: string | null): CostRow =>
        rows.reduce<CostRow>(
          (acc, r) => ({
            serviceTypeCode,
            clientCount: acc.clientCount + r.clientCount,
            budgetCount: acc.budgetCount + r.budgetCount,
            grantedCents: acc.grantedCents + r.grantedCents,
            paidOutCents: acc.paidOutCents + r.paidOutCents,
            spentCents: acc.spentCents + r.spentCents,
            pendingCents: acc.pendingCents + r.pendingCents,
            lapsedCents: acc.lapsedCents + r.lapsedCents,
          }),
          {
            serviceTypeCode,
            clientCount: 0,
            budgetCount: 0,
            grantedCents: 0,
            paidOutCents: 0,
            spentCents: 0,
            pendingCents: 0,
            lapsedCents: 0,
          },
        );
      const total = sum(
        shown.map(({ figures }) => figures.total),
        null,
      );
      const costs = services.map((code) =>
        sum(
          shown.flatMap(({ figures }) => figures.costs.filter((c) => c.serviceTypeCode === code)),
          code,
        ),
      );
      const countyRow = (code: string) => `county:${code}`;
      const muniRow = (k: ReportKey) => `municipality:${k.municipalityCode}`;
      const cellRow = (k: ReportKey, code: string) => `cell:${k.municipalityCode}|${code}`;
      const rows: TableRow[] = [
        { id: TOTAL_ROW, clients: total.clientCount },
        ...costs.map((c) => ({ id: countyRow(c.serviceTypeCode!), clients: c.clientCount })),
      ];
      const sums: TableSum[] = [
        { total: TOTAL_ROW, parts: costs.map((c) => countyRow(c.serviceTypeCode!)) },
        { total: TOTAL_ROW, parts: keys.map(muniRow) },
      ];
      keys.forEach((k, i) => {
        const { figures, hidden } = shown[i]!;
        // Shown in the municipality's own report: known to the reader. Hidden there: unknown,
        // never shown here either, and protected.
        const own = (hiddenThere: boolean) =>
          hiddenThere ? { published: false } : { known: true };
        rows.push({
          id: muniRow(k),
          clients: figures.total.clientCount,
          ...own(hidden.has(TOTAL_ROW)),
        });
        for (const c of figures.costs) {
          rows.push({
            id: cellRow(k, c.serviceTypeCode!),
            clients: c.clientCount,
            ...own(hidden.has(costRow(c))),
          });
        }
        sums.push({
          total: muniRow(k),
          parts: figures.costs.map((c) => cellRow(k, c.serviceTypeCode!)),
        });
      });
      for (const c of costs) {
        const parts = keys
          .filter((_, i) =>
            shown[i]!.figures.costs.some((x) => x.serviceTypeCode === c.serviceTypeCode),
          )
          .map((k) => cellRow(k, c.serviceTypeCode!));
        sums.push({ total: countyRow(c.serviceTypeCode!), parts });
      }
      const hidden = suppressTable({ rows, sums: sums.filter((x) => x.parts.length > 0) });
      return {
        total: shownCost(total, hidden.has(TOTAL_ROW)),
        costs: costs.map((c) => shownCost(c, hidden.has(countyRow(c.serviceTypeCode!)))),
        keys,
      };
    })();
    this.organiserCache.set(`${key.organiserId}|${key.year}`, promise);
    return promise;
  }

  async organiserTotalCost(key: OrganiserReportKey) {
    return (await this.organiserFigures(key)).total;
  }

  async organiserCosts(key: OrganiserReportKey) {
    return (await this.organiserFigures(key)).costs;
  }

  /** The organiser-wide year-end forecast, under the rule of {@link forecastTotal}. */
  organiserForecast(key: OrganiserReportKey) {
    return this.forecastOver(this.organiserMunicipalities(key), key.year);
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
