import {
  badInput,
  forbidden,
  isSuppressed,
  mayReadReport,
  requirePrincipal,
  shareOf,
  unlessSuppressed,
  type RequestContext,
} from '@hb/kit';
import type { ClientReportStore } from './report.store';

export interface ReportRef {
  municipalityCode: string;
  year: number;
  hbClientCount?: number | null;
}

/** The clients subgraph's part of the organiser's report (deny by default, small groups suppressed). */
export class ClientReportService {
  private readonly counts = new Map<string, Promise<number>>();

  constructor(
    private readonly store: ClientReportStore,
    private readonly ctx: RequestContext,
  ) {}

  /** Guards `_entities` for Report: organiser staff and municipal systems with reports:read only. */
  get(ref: ReportRef): ReportRef {
    const p = requirePrincipal(this.ctx);
    if (!mayReadReport(p, ref.municipalityCode))
      throw forbidden('You may not read the reports of this municipality.');
    if (!Number.isInteger(ref.year) || ref.year < 2000 || ref.year > 2100)
      throw badInput('year must be from 2000 to 2100.');
    return ref;
  }

  private allClients(ref: ReportRef): Promise<number> {
    this.get(ref);
    let found = this.counts.get(ref.municipalityCode);
    if (!found) {
      found = this.store.clientCount(ref.municipalityCode);
      this.counts.set(ref.municipalityCode, found);
    }
    return found;
  }

  /**
   * Every client of the municipality; null when 1–4, and also when the HB clients shown beside
   * it would leave 1–4 others (the count minus hbClientCount would give that small group). The
   * HB count arrives from the budgets subgraph (@requires); without it the count is not shown.
   */
  async clientCount(ref: ReportRef): Promise<number | null> {
    const n = await this.allClients(ref);
    if (ref.hbClientCount === undefined) return null;
    const hb = ref.hbClientCount;
    const others = hb === null ? 0 : n - hb;
    return others > 0 && isSuppressed(others) ? null : unlessSuppressed(n, n);
  }

  /** HB clients / all clients; hbClientCount arrives from the budgets subgraph (@requires), null when suppressed there. */
  async hbShare(ref: ReportRef): Promise<number | null> {
    const all = await this.clientCount(ref);
    return shareOf(ref.hbClientCount ?? null, all);
  }
}
