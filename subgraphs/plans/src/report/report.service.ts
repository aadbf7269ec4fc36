import {
  badInput,
  forbidden,
  isSuppressed,
  mayReadReport,
  shareOf,
  suppressTable,
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

  /**
   * Provider switches and their reasons. The reason rows add up to the total (every switch has
   * one reason), so a hidden row takes the smallest other with it; a listed reason keeps its
   * text (written alike by five or more clients) when only its counts are hidden. Also serves
   * `providerSwitchReport`, under the same rule of who may read it.
   */
  async switches(key: ReportKey) {
    this.get(key);
    const { totals, reasons } = await this.store.switchReasons(key.municipalityCode, key.year);
    const rowId = (i: number) => `reason:${i}`;
    const hidden = suppressTable({
      rows: [
        { id: 'total', clients: totals.clientCount },
        ...reasons.map((r, i) => ({ id: rowId(i), clients: r.clientCount })),
      ],
      sums: [{ total: 'total', parts: reasons.map((_, i) => rowId(i)) }],
    });
    if (hidden.has('total'))
      return { suppressed: true, count: null, clientCount: null, reasons: [] };
    return {
      suppressed: false,
      count: totals.switchCount,
      clientCount: totals.clientCount,
      reasons: reasons.map((r, i) => {
        const suppressed = hidden.has(rowId(i));
        return {
          reason: r.listed ? r.reason : null,
          suppressed,
          count: suppressed ? null : r.switchCount,
          clientCount: suppressed ? null : r.clientCount,
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
    const groups = await this.store.feedbackGroups(key.municipalityCode, key.year);
    // No total of feedback is shown anywhere, so a small group hides only itself.
    const hidden = suppressTable({
      rows: groups.map((g) => ({ id: g.targetKind, clients: g.clientCount })),
      sums: [],
    });
    return groups.map((g) => {
      const suppressed = hidden.has(g.targetKind);
      return {
        targetKind: g.targetKind,
        suppressed,
        count: suppressed ? null : g.feedbackCount,
        averageRating: suppressed ? null : round(g.averageRating, 2),
      };
    });
  }

  /**
   * Quality per provider (rating and complaints). No total is shown, so, as with feedback, a
   * provider whose figures come from fewer than five clients hides only its own figures.
   */
  async providerQuality(key: ReportKey) {
    this.get(key);
    const rows = await this.store.providerQuality(key.municipalityCode, key.year);
    const hidden = suppressTable({
      rows: rows.map((r) => ({ id: r.providerId, clients: r.clientCount })),
      sums: [],
    });
    return rows.map((r) => {
      const suppressed = hidden.has(r.providerId);
      return {
        providerId: r.providerId,
        suppressed,
        feedbackCount: suppressed ? null : r.feedbackCount,
        averageRating: suppressed || r.averageRating === null ? null : round(r.averageRating, 2),
        complaintCount: suppressed ? null : r.complaintCount,
      };
    });
  }
}
