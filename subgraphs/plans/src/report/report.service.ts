import {
  badInput,
  forbidden,
  isSuppressed,
  mayReadReport,
  requirePrincipal,
  shareOf,
  suppressTable,
  todayInFinland,
  type RequestContext,
} from '@hb/kit';
import { isOverdue, nextReviewDue } from '../plan/goal-follow-up';
import type { PlanReportStore } from './report.store';

export interface ReportKey {
  municipalityCode: string;
  year: number;
}

/** A client group of the budgets subgraph's report and its clients (internal). */
export interface GroupMembers {
  serviceTypeCode: string;
  classLevel: number | null;
  individual: boolean;
  costSuppressed: boolean;
  clientIds: string[];
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
    const p = requirePrincipal(this.ctx);
    if (!mayReadReport(p, key.municipalityCode))
      throw forbidden('You may not read the reports of this municipality.');
    if (!Number.isInteger(key.year) || key.year < 2000 || key.year > 2100)
      throw badInput('year must be from 2000 to 2100.');
    // The client groups arrive from the budgets subgraph (@requires) for goalsByGroup only.
    const members = (key as ReportKey & { groupMembers?: GroupMembers[] | null }).groupMembers;
    return {
      municipalityCode: key.municipalityCode,
      year: key.year,
      ...(members ? { groupMembers: members } : {}),
    };
  }

  /**
   * Goal attainment per client group beside its cost (issue 18 item 4): for each group of the
   * budgets subgraph, its clients' accepted plans' goals of the year. A group is hidden when its
   * clients with goals are 1–4, when its cost row is hidden (the two are read side by side),
   * and, the groups being parts of the report's total of clients with goals, when the total less
   * the shown groups would give a hidden one back.
   */
  async goalsByGroup(key: ReportKey & { groupMembers?: GroupMembers[] | null }) {
    this.get(key);
    const groups = key.groupMembers ?? [];
    const goals = await this.store.goalFacts(key.municipalityCode, key.year);
    const byClient = new Map<string, typeof goals>();
    for (const g of goals) byClient.set(g.clientId, [...(byClient.get(g.clientId) ?? []), g]);
    const rows = groups.map((grp, i) => {
      const own = grp.clientIds.flatMap((id) => byClient.get(id) ?? []);
      const reviewed = own.filter((g) => g.latestAttainment !== null);
      return {
        id: `group:${i}`,
        grp,
        clients: new Set(own.map((g) => g.clientId)).size,
        average:
          reviewed.length === 0
            ? null
            : round(
                reviewed.reduce((sum, g) => sum + (g.latestAttainment ?? 0), 0) / reviewed.length,
                1,
              ),
      };
    });
    // A group whose cost row is hidden is never shown here either: an unknown part of the sum,
    // protected like the never-published cells of the cost side when it is small.
    const hidden = suppressTable({
      rows: [
        { id: 'total', clients: byClient.size },
        ...rows.map((r) => ({
          id: r.id,
          clients: r.clients,
          ...(r.grp.costSuppressed ? { published: false } : {}),
        })),
      ],
      sums: rows.length > 0 ? [{ total: 'total', parts: rows.map((r) => r.id) }] : [],
    });
    return rows.map((r) => {
      const suppressed = r.grp.costSuppressed || hidden.has(r.id) || isSuppressed(r.clients);
      return {
        serviceType: { code: r.grp.serviceTypeCode },
        classLevel: r.grp.classLevel,
        individual: r.grp.individual,
        suppressed,
        clientCount: suppressed ? null : r.clients,
        averageAttainment: suppressed ? null : r.average,
      };
    });
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
          : round(
              reviewed.reduce((sum, g) => sum + (g.latestAttainment ?? 0), 0) / reviewed.length,
              1,
            ),
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
