import { UserError, forbidden, isUuid, type RequestContext } from '@hb/kit';
import type { PlansLoaders, PlansStores } from '../context';
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
  ) {}

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
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: input.clientId, action: 'CHANGE', subject: 'Feedback' },
      ]);
      return row;
    });
    return { feedback, errors: [] };
  }
}
