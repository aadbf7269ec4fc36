import {
  Money,
  MIN_REPORT_GROUP,
  badInput,
  forbidden,
  isSuppressed,
  mayReadReport,
  reportMunicipalities,
  unauthenticated,
  unlessSuppressed,
  type RequestContext,
} from '@hb/kit';
import { checkYear } from '../domain';
import type { CostRow, ReportFigures, ReportStore } from './report.store';

export interface ReportKey {
  municipalityCode: string;
  year: number;
}

const money = (cents: number) => Money.fromCents(cents);

/** A cost row as shown: every figure null when it describes 1–4 clients. */
export function shownCost(row: CostRow) {
  const suppressed = isSuppressed(row.clientCount);
  const show = <T>(value: T): T | null => (suppressed ? null : value);
  return {
    serviceType: row.serviceTypeCode ? { code: row.serviceTypeCode } : null,
    suppressed,
    clientCount: show(row.clientCount),
    budgetCount: show(row.budgetCount),
    granted: show(money(row.grantedCents)),
    paidOut: show(money(row.paidOutCents)),
    spent: show(money(row.spentCents)),
    pending: show(money(row.pendingCents)),
    lapsed: show(money(row.lapsedCents)),
  };
}

/** The organiser's report: authorization (deny by default) and small-group suppression. */
export class ReportService {
  private readonly cache = new Map<string, Promise<ReportFigures>>();

  constructor(
    private readonly store: ReportStore,
    private readonly ctx: RequestContext,
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

  /** The figures of a report, computed once per request; re-checks access. */
  private figures(key: ReportKey): Promise<ReportFigures> {
    this.get(key.municipalityCode, key.year);
    const id = `${key.municipalityCode}|${key.year}`;
    let found = this.cache.get(id);
    if (!found) {
      found = this.store.figures(key.municipalityCode, key.year);
      this.cache.set(id, found);
    }
    return found;
  }

  minGroupSize(): number {
    return MIN_REPORT_GROUP;
  }

  async hbClientCount(key: ReportKey): Promise<number | null> {
    const { hbClientCount } = await this.figures(key);
    return unlessSuppressed(hbClientCount, hbClientCount);
  }

  async costs(key: ReportKey) {
    return (await this.figures(key)).costs.map(shownCost);
  }

  async totalCost(key: ReportKey) {
    return shownCost((await this.figures(key)).total);
  }

  async providers(key: ReportKey) {
    return (await this.figures(key)).providers.map((r) => {
      const suppressed = isSuppressed(r.clientCount);
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

  async alerts(key: ReportKey) {
    return (await this.figures(key)).alerts.map((r) => {
      const suppressed = isSuppressed(r.clientCount);
      return {
        kind: r.kind,
        suppressed,
        count: suppressed ? null : r.alertCount,
        clientCount: suppressed ? null : r.clientCount,
      };
    });
  }
}
