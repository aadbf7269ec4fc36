import {
  badInput,
  forbidden,
  requirePrincipal,
  todayInFinland,
  type RequestContext,
} from '@hb/kit';
import { isOverdue, nextReviewDue } from '../plan/goal-follow-up';
import type { AttentionStore } from './attention.store';

/** One client's plan figures for the caseload. */
export interface PlanAttentionRow {
  clientId: string;
  waitingAcceptance: number;
  waitingRevision: number;
  overdueReviews: number;
}

/**
 * `planAttention`: what needs attention in the plans of a whole caseload — drafts sent to the
 * client and not yet accepted, those she asked to change since, and goals of the plan in force whose review date has passed
 * without a review (the same follow-up rules as `Goal.overdue`). The budgets subgraph asks this
 * once per caseload page to order and filter by these figures on the server; only HB advisers
 * and own workers, only for their own municipalities.
 */
export class PlanAttentionService {
  constructor(
    private readonly store: AttentionStore,
    private readonly ctx: RequestContext,
    private readonly today: () => string = todayInFinland,
  ) {}

  async attention(municipalities: readonly string[], year: number): Promise<PlanAttentionRow[]> {
    const p = requirePrincipal(this.ctx);
    if (p.role !== 'ADVISER' && p.role !== 'WORKER')
      throw forbidden('Plan figures of a caseload are for HB advisers and own workers.');
    if (municipalities.some((m) => !p.municipalities.includes(m)))
      throw forbidden('You may not see the clients of this municipality.');
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw badInput('year must be from 2000 to 2100.');
    const today = this.today();
    const { waiting, goals } = await this.store.rows(municipalities, year, today);
    const byClient = new Map<string, PlanAttentionRow>();
    const row = (clientId: string) => {
      let r = byClient.get(clientId);
      if (!r)
        byClient.set(
          clientId,
          (r = { clientId, waitingAcceptance: 0, waitingRevision: 0, overdueReviews: 0 }),
        );
      return r;
    };
    for (const w of waiting) {
      row(w.clientId).waitingAcceptance = w.waiting;
      row(w.clientId).waitingRevision = w.revision;
    }
    for (const g of goals)
      if (isOverdue(nextReviewDue(g.reviewDates, g.reviewedAt), today))
        row(g.clientId).overdueReviews += 1;
    const rows = [...byClient.values()];
    this.ctx.accessLog.read(
      'PlanAttention',
      rows.map((r) => r.clientId),
    );
    return rows;
  }
}
