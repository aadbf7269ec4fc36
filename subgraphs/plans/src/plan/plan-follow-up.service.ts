import { present, isUuid, notFound, todayInFinland, type RequestContext } from '@hb/kit';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { Directories } from '../directory/directories';
import { planAccess } from './plan-access.policy';
import { checkProvider, validateReview, validateText, type RuleError } from './plan.rules';
import { PlanChanges, Refused, fail, toUserErrors, type PlanResult } from './plan-change';

/** Following a plan in force: goal reviews and switching a provider of an allocation. */
export class PlanFollowUpService {
  constructor(
    private readonly stores: PlansStores,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
    private readonly directories: Directories,
    private readonly changes: PlanChanges,
  ) {}

  /** Records a follow-up review of a goal of the plan in force. */
  async reviewGoal(
    goalId: string,
    input: { reviewedAt: string; attainment: number; note?: string | null },
  ): Promise<PlanResult> {
    const p = this.changes.principal();
    const goal = isUuid(goalId) ? await this.loaders.goal.load(goalId) : null;
    if (!goal) throw notFound('No such goal.');
    const plan = await this.changes.forChange(goal.planId, (who, x) => planAccess.canEdit(who, x));
    const errors = validateReview(input, todayInFinland());
    if (errors.length > 0) return { plan, errors: toUserErrors(errors) };
    return this.changes.inTransaction(async (m) => {
      const locked = present(await this.stores.plans.lockPlan(m, plan.id), 'The locked plan');
      if (locked.status !== 'ACCEPTED') {
        throw new Refused(
          fail(locked, 'PLAN_NOT_IN_FORCE', 'Goals are reviewed on the accepted plan in force.'),
        );
      }
      await this.stores.plans.insertReview(m, {
        goalId: goal.id,
        reviewedAt: input.reviewedAt,
        attainment: input.attainment,
        note: input.note?.trim() || null,
        reviewer: p.sub,
      });
      await this.changes.logChange(m, locked, 'ImplementationPlan.goalReview');
      return { plan: locked, errors: [] };
    });
  }

  /**
   * Moves an allocation to another provider, recording why. The allocation's copy in an open
   * draft of the same plan moves with it, so accepting the draft does not undo the switch.
   */
  async switchProvider(args: {
    allocationId: string;
    providerId: string;
    reason: string;
    discretionaryReason?: string | null;
    offeringId?: string | null;
  }): Promise<PlanResult> {
    const p = this.changes.principal();
    const allocation = isUuid(args.allocationId)
      ? await this.loaders.allocation.load(args.allocationId)
      : null;
    if (!allocation) throw notFound('No such allocation.');
    const plan = await this.changes.forChange(allocation.planId, (who, x) =>
      planAccess.canSwitchProvider(who, x),
    );
    const errors: RuleError[] = [];
    if (!args.reason.trim())
      errors.push({
        code: 'VALIDATION',
        message: 'Record the reason for switching.',
        field: 'reason',
      });
    errors.push(...validateText(args.reason, 'reason', 'The reason', 2000));
    errors.push(
      ...validateText(args.discretionaryReason, 'discretionaryReason', 'The reason', 2000),
    );
    if (args.providerId === allocation.providerId) {
      errors.push({
        code: 'SAME_PROVIDER',
        message: 'The allocation is already with this provider.',
        field: 'providerId',
      });
    }
    const provider = isUuid(args.providerId)
      ? await this.directories.providers.provider(args.providerId, this.ctx)
      : null;
    errors.push(
      ...checkProvider(
        provider,
        allocation.serviceType,
        args.offeringId ?? null,
        args.discretionaryReason ?? null,
        '',
      ),
    );
    // checkProvider refuses an unknown provider, and a discretionary one without a reason.
    if (errors.length > 0 || !provider) return { plan, errors: toUserErrors(errors) };
    const discretionaryReason =
      provider.approvalStatus === 'APPROVED' ? null : (args.discretionaryReason ?? '').trim();

    return this.changes.inTransaction(async (m) => {
      const locked = present(await this.stores.plans.lockPlan(m, plan.id), 'The locked plan');
      if (locked.status === 'SUPERSEDED') {
        throw new Refused(
          fail(
            locked,
            'SUPERSEDED',
            'This version has been superseded; switch in the newest version.',
          ),
        );
      }
      const open: Array<{ id: string }> = await m.query(
        `SELECT id FROM plans.implementation_plan WHERE client_id = $1 AND year = $2 AND status <> 'SUPERSEDED'`,
        [locked.clientId, locked.year],
      );
      await this.stores.plans.moveAllocation(
        m,
        allocation,
        open.map((o) => o.id),
        {
          providerId: args.providerId,
          offeringId: args.offeringId ?? null,
          discretionaryReason,
        },
      );
      await this.stores.plans.insertSwitch(m, {
        allocationLineageId: allocation.lineageId,
        planId: locked.id,
        municipalityCode: locked.municipalityCode,
        serviceType: allocation.serviceType,
        fromProvider: allocation.providerId,
        toProvider: args.providerId,
        reason: args.reason.trim(),
        discretionaryReason,
        actor: p.sub,
        actorRole: p.role,
      });
      await this.changes.logChange(m, locked, 'ImplementationPlan.providerSwitch');
      return { plan: locked, errors: [] };
    });
  }
}
