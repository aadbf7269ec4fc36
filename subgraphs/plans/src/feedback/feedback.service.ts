import {
  present,
  UserError,
  badInput,
  forbidden,
  isUuid,
  notFound,
  type RequestContext,
} from '@hb/kit';
import { feedbackAccess } from './feedback.policy';
import { keysetPage, decodeCursor, type FeedbackEntryRow } from './feedback.model';
import type { FeedbackStore } from './feedback.store';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { Directories } from '../directory/directories';
import { planAccess } from '../plan/plan-access.policy';
import type { PlanService } from '../plan/plan.service';
import type { FeedbackRow } from '../plan/plan.model';

export interface FeedbackArgs {
  clientId: string;
  planId?: string | null;
  providerId?: string | null;
  rating: number;
  text?: string | null;
  /** The author asks that the HB centre not see who gave it. */
  anonymous?: boolean | null;
}

/**
 * Feedback (palaute) from the client or a member of their team (a current member with a
 * consent in force), on a plan or a provider.
 * Only the author's role is stored, never who they are, so reports are anonymous by design.
 */
export class FeedbackService {
  constructor(
    private readonly stores: PlansStores,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
    private readonly directories: Directories,
    private readonly plans: PlanService,
    private readonly store: FeedbackStore,
  ) {}

  /**
   * `Query.feedback`: the HB centre reads the feedback of its municipalities, newest first,
   * keyset-paged. Anonymous feedback carries no author (the resolvers leave those fields null).
   */
  async list(
    filter: {
      municipalityCode?: string | null;
      providerId?: string | null;
      answered?: boolean | null;
    },
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const p = this.plans.principal();
    if (!feedbackAccess.isStaff(p)) throw forbidden('Only the HB centre reads feedback.');
    const municipalities = filter.municipalityCode
      ? p.municipalities.filter((m) => m === filter.municipalityCode)
      : p.municipalities;
    if (filter.municipalityCode && municipalities.length === 0)
      throw forbidden('You may not read the feedback of this municipality.');
    const position = decodeCursor(after);
    if (position === 'invalid') throw badInput('Invalid cursor.');
    const limit = Math.min(Math.max(first ?? 20, 1), 100);
    const providerId = filter.providerId && isUuid(filter.providerId) ? filter.providerId : null;
    const { rows, total } =
      filter.providerId && !providerId
        ? { rows: [] as FeedbackEntryRow[], total: 0 }
        : await this.store.feedbackPage(
            { municipalities, providerId, answered: filter.answered ?? null },
            { after: position, limit },
          );
    const pageRows = rows.slice(0, limit);
    this.ctx.accessLog.read('Feedback', [...new Set(pageRows.map((r) => r.clientId))]);
    return keysetPage(rows, limit, total, position, (r) => r.at);
  }

  /** `Mutation.answerFeedback`: staff of the municipality the feedback came from. */
  async answer(
    feedbackId: string,
    answer: string,
  ): Promise<{ feedback: FeedbackEntryRow | null; errors: UserError[] }> {
    const p = this.plans.principal();
    if (!feedbackAccess.isStaff(p)) throw forbidden('Only the HB centre answers feedback.');
    const text = answer.trim();
    if (!text || text.length > 4000) {
      return {
        feedback: null,
        errors: [
          UserError.of('VALIDATION', 'Write an answer of at most 4000 characters.', 'answer'),
        ],
      };
    }
    const row = await this.stores.db.transaction(async (m) => {
      const found = await this.store.lockFeedback(m, feedbackId);
      // Foreign feedback answers like missing feedback: nothing tells it exists.
      if (!found || !feedbackAccess.canHandle(p, found.municipalityCode))
        throw notFound('No such feedback.');
      await this.store.answerFeedback(m, found.id, text, p.sub);
      await this.ctx.accessLog.writeNow(m, [
        { clientId: found.clientId, action: 'CHANGE', subject: 'Feedback.answered' },
      ]);
      return present(await this.store.lockFeedback(m, found.id), 'The locked feedback');
    });
    return { feedback: row, errors: [] };
  }

  async submit(
    input: FeedbackArgs,
  ): Promise<{ feedback: FeedbackRow | null; errors: UserError[] }> {
    const p = this.plans.principal();
    // A team member's standing comes from the clients subgraph (batched, once per request).
    const memberScopes = planAccess.needsConsent(p, { clientId: input.clientId })
      ? await this.loaders.consentScopes.load(input.clientId)
      : [];
    if (!planAccess.canGiveFeedback(p, input.clientId, memberScopes))
      throw forbidden('Only the client and their team give feedback.');
    const errors: UserError[] = [];
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
      errors.push(UserError.of('VALIDATION', 'Rating is from 1 to 5.', 'input.rating'));
    }
    const text = input.text?.trim() ?? '';
    if (text.length > 2000)
      errors.push(UserError.of('VALIDATION', 'Feedback is at most 2000 characters.', 'input.text'));
    let municipalityCode: string | null = null;
    if (input.planId) {
      const plan = isUuid(input.planId) ? await this.loaders.plan.load(input.planId) : null;
      if (!plan || plan.clientId !== input.clientId) {
        errors.push(UserError.of('UNKNOWN_PLAN', 'No such plan of this client.', 'input.planId'));
      } else {
        municipalityCode = plan.municipalityCode;
      }
    }
    if (input.providerId) {
      const provider = isUuid(input.providerId)
        ? await this.directories.providers.provider(input.providerId, this.ctx)
        : null;
      if (!provider)
        errors.push(UserError.of('UNKNOWN_PROVIDER', 'No such provider.', 'input.providerId'));
    }
    if (errors.length > 0) return { feedback: null, errors };
    if (!municipalityCode) {
      municipalityCode =
        (await this.directories.clients.client(input.clientId, this.ctx))?.municipalityCode ?? null;
    }
    const feedback = await this.stores.db.transaction(async (m) => {
      const row = await this.stores.plans.insertFeedback(m, {
        clientId: input.clientId,
        municipalityCode,
        planId: input.planId ?? null,
        providerId: input.providerId ?? null,
        rating: input.rating,
        text,
        authorRole: p.role as 'CLIENT' | 'TEAM_MEMBER',
        anonymous: input.anonymous ?? false,
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: input.clientId, action: 'CHANGE', subject: 'Feedback' },
      ]);
      return row;
    });
    return { feedback, errors: [] };
  }
}
