import {
  badInput,
  forbidden,
  isSuppressed,
  mayReadReport,
  shareOf,
  todayInFinland,
  unauthenticated,
  type RequestContext,
} from '@hb/kit';
import { isOverdue, nextReviewDue } from '../plan/goal-follow-up';
import type { PlanReportStore } from './report.store';

export interface ReportKey {
  municipalityCode: string;
  year: number;
}

const round = (value: number, decimals: number) =>
  Math.round(value * 10 ** decimals) / 10 ** decimals;

/** The plans subgraph's part of the organiser's report (deny by default, small groups suppressed). */
export class PlanReportService {
  constructor(
    private readonly store: PlanReportStore,
    private readonly ctx: RequestContext,
    private readonly today: () => string = todayInFinland,
  ) {}

  /** Guards `_entities` for Report: organiser staff and municipal systems with reports:read only. */
  get(key: ReportKey): ReportKey {
    const p = this.ctx.principal;
    if (!p) throw unauthenticated();
    if (!mayReadReport(p, key.municipalityCode))
      throw forbidden('You may not read the reports of this municipality.');
    if (!Number.isInteger(key.year) || key.year < 2000 || key.year > 2100)
      throw badInput('year must be from 2000 to 2100.');
    return { municipalityCode: key.municipalityCode, year: key.year };
  }

  async switches(key: ReportKey) {
    this.get(key);
    const { totals, reasons } = await this.store.switchReasons(key.municipalityCode, key.year);
    if (isSuppressed(totals.clientCount))
      return { suppressed: true, count: null, clientCount: null, reasons: [] };
    return {
      suppressed: false,
      count: totals.switchCount,
      clientCount: totals.clientCount,
      reasons: reasons.map((r) => {
        const hidden = isSuppressed(r.clientCount);
        return {
          reason: r.listed ? r.reason : null,
          suppressed: !r.listed,
          count: hidden ? null : r.switchCount,
          clientCount: hidden ? null : r.clientCount,
        };
      }),
    };
  }

  async goals(key: ReportKey) {
    this.get(key);
    const goals = await this.store.goalFacts(key.municipalityCode, key.year);
    const clients = new Set(goals.map((g) => g.clientId)).size;
    if (isSuppressed(clients)) {
      return {
        suppressed: true,
        clientCount: null,
        goalCount: null,
        reviewCount: null,
        averageAttainment: null,
        overdueShare: null,
      };
    }
    const today = this.today();
    const reviewed = goals.filter((g) => g.latestAttainment !== null);
    const overdue = goals.filter((g) =>
      isOverdue(nextReviewDue(g.reviewDates, g.reviewedAt), today),
    ).length;
    return {
      suppressed: false,
      clientCount: clients,
      goalCount: goals.length,
      reviewCount: goals.reduce((sum, g) => sum + g.reviewCount, 0),
      averageAttainment:
        reviewed.length === 0
          ? null
          : round(reviewed.reduce((sum, g) => sum + g.latestAttainment!, 0) / reviewed.length, 1),
      overdueShare: shareOf(overdue, goals.length),
    };
  }

  async feedback(key: ReportKey) {
    this.get(key);
    return (await this.store.feedbackGroups(key.municipalityCode, key.year)).map((g) => {
      const suppressed = isSuppressed(g.clientCount);
      return {
        targetKind: g.targetKind,
        suppressed,
        count: suppressed ? null : g.feedbackCount,
        averageRating: suppressed ? null : round(g.averageRating, 2),
      };
    });
  }
}
