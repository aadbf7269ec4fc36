import {
  actsForOrganiser,
  badInput,
  forbidden,
  municipalityCodesOf,
  organiserById,
  reportMunicipalities,
  requirePrincipal,
  type RequestContext,
} from '@hb/kit';
import { checkYear } from '../domain';
import { organiserCosts } from './organiser-figures';
import type { OrganiserReportKey, ReportKey } from './report-key';
import { shownCost, type ReportService } from './report.service';

type ShownCost = ReturnType<typeof shownCost>;

/**
 * The organiser's report (issue 18 item 3): the sums over its municipalities' reports, read
 * through ReportService (which authorizes each municipality and suppresses its rows).
 */
export class OrganiserReportService {
  private readonly cache = new Map<string, Promise<{ total: ShownCost; costs: ShownCost[] }>>();

  constructor(
    private readonly reports: ReportService,
    private readonly ctx: RequestContext,
  ) {}

  /**
   * The organiser's report: organiser staff acting for the whole organiser, or its municipal
   * system with reports:read; FORBIDDEN otherwise, the same for an organiser that does not
   * exist (nothing is revealed about it). Defaults to the token's organiser.
   */
  get(year: number, organiserId?: string | null): OrganiserReportKey {
    const p = requirePrincipal(this.ctx);
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
  municipalities(key: OrganiserReportKey): ReportKey[] {
    return municipalityCodesOf(key.organiserId).map((code) => this.reports.get(code, key.year));
  }

  /** The organiser-wide total and costs by service type (organiser-figures.ts), once per request. */
  private figures(key: OrganiserReportKey) {
    const id = `${key.organiserId}|${key.year}`;
    const found = this.cache.get(id);
    if (found) return found;
    const promise = (async () => {
      const parts = await Promise.all(
        this.municipalities(key).map(async (k) => ({
          municipalityCode: k.municipalityCode,
          ...(await this.reports.figures(k)),
        })),
      );
      const { total, costs } = organiserCosts(parts);
      return {
        total: shownCost(total.row, total.hidden),
        costs: costs.map((c) => shownCost(c.row, c.hidden)),
      };
    })();
    this.cache.set(id, promise);
    return promise;
  }

  async totalCost(key: OrganiserReportKey) {
    return (await this.figures(key)).total;
  }

  async costs(key: OrganiserReportKey) {
    return (await this.figures(key)).costs;
  }

  /** The organiser-wide year-end forecast, under the rule of `ReportService.forecastTotal`. */
  forecast(key: OrganiserReportKey) {
    return this.reports.forecastOver(this.municipalities(key), key.year);
  }
}
