import {
  present,
  forbidden,
  isUuid,
  todayInFinland,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { Directories } from '../directory/directories';
import { planAccess } from './plan-access.policy';
import type { AllocationRow, GoalRow, PlanRow } from './plan.model';
import { validateText } from './plan.rules';
import { isOverdue, nextReviewDue } from './goal-follow-up';
import { diffVersions, revisionFindings, type PlanChange, type RevisionFinding } from './plan-diff';
import { PlanChanges, Refused, fail, toUserErrors, type PlanResult } from './plan-change';
import { PlanDraftingService } from './plan-drafting.service';
import { PlanFollowUpService } from './plan-follow-up.service';

/**
 * Implementation plans: reading (authorized and access-logged), drafting, versions,
 * acceptance, allocations within the decided budgets, goal follow-up and provider switches.
 *
 * Versions: a DRAFT is changed in place. Changing an ACCEPTED plan makes a new DRAFT version
 * (a copy of its goals, participants and allocations with the change applied); the accepted
 * one stays in force until the new version is accepted, and only then becomes SUPERSEDED.
 * Every version stays readable.
 */
export class PlanService {
  private readonly changing: PlanChanges;
  private readonly drafting: PlanDraftingService;
  private readonly followUps: PlanFollowUpService;

  constructor(
    private readonly stores: PlansStores,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
    private readonly directories: Directories,
  ) {
    this.changing = new PlanChanges(stores, ctx, loaders);
    this.drafting = new PlanDraftingService(stores, ctx, loaders, directories, this.changing);
    this.followUps = new PlanFollowUpService(stores, ctx, loaders, directories, this.changing);
  }

  principal(): Principal {
    return this.changing.principal();
  }

  private async hasPlanConsent(p: Principal, clientId: string): Promise<boolean> {
    if (!planAccess.needsConsent(p, { clientId })) return false;
    return (await this.loaders.consentScopes.load(clientId)).includes('PLAN');
  }

  /** FORBIDDEN unless the caller may read this plan; logs the read. */
  async assertReadable(plan: PlanRow): Promise<PlanRow> {
    const p = this.principal();
    if (!planAccess.canRead(p, plan, await this.hasPlanConsent(p, plan.clientId))) {
      throw forbidden('You may not see this implementation plan.');
    }
    this.ctx.accessLog.read('ImplementationPlan', [plan.clientId]);
    return plan;
  }

  /** A plan the caller may read, or null when it does not exist. */
  async get(id: string): Promise<PlanRow | null> {
    this.principal();
    const plan = await this.loaders.plan.load(id);
    return plan ? this.assertReadable(plan) : null;
  }

  /** Every version of a client's plans, newest first. */
  async plansOfClient(clientId: string): Promise<PlanRow[]> {
    const p = this.principal();
    const staff = p.role === 'ADVISER' || p.role === 'WORKER';
    // Non-staff rights do not depend on the municipality: decide before reading anything.
    if (
      !staff &&
      !planAccess.canRead(
        p,
        { clientId, municipalityCode: '' },
        await this.hasPlanConsent(p, clientId),
      )
    ) {
      throw forbidden("You may not see this client's implementation plans.");
    }
    const plans = await this.loaders.plansOfClient.load(clientId);
    if (plans.length === 0 && staff) {
      // No plan to judge by: where the client lives decides, and only the clients subgraph
      // knows, so "no plans" is told only to staff who may read the client.
      const client = isUuid(clientId) ? await this.loaders.client.load(clientId) : null;
      if (
        !client ||
        !planAccess.canRead(p, { clientId, municipalityCode: client.municipalityCode })
      )
        throw forbidden("You may not see this client's implementation plans.");
    }
    for (const plan of plans) {
      this.loaders.plan.prime(plan.id, plan);
      await this.assertReadable(plan);
    }
    return plans;
  }

  /** The previous version, read under the same rules. */
  async previousVersion(plan: PlanRow): Promise<PlanRow | null> {
    return plan.previousVersionId ? this.get(plan.previousVersionId) : null;
  }

  /** Allocations of the plans in force to a budget, as far as the caller may see them. */
  async allocationsOfBudget(budgetId: string): Promise<AllocationRow[]> {
    const p = this.principal();
    const rows = await this.loaders.allocationsOfBudget.load(budgetId);
    const plans = await this.loaders.plan.loadMany([...new Set(rows.map((a) => a.planId))]);
    const planById = new Map(
      plans.filter((x): x is PlanRow => !!x && !(x instanceof Error)).map((x) => [x.id, x]),
    );
    const visible: AllocationRow[] = [];
    for (const a of rows) {
      const plan = planById.get(a.planId);
      if (!plan) continue;
      if (!planAccess.canReadAllocation(p, plan, a, await this.hasPlanConsent(p, plan.clientId)))
        continue;
      this.ctx.accessLog.read('ImplementationPlan.allocations', [plan.clientId]);
      visible.push(a);
    }
    return visible;
  }

  /** Goal follow-up, computed from the review dates and the goal's reviews. */
  async followUp(goal: GoalRow): Promise<{ nextReviewDue: string | null; overdue: boolean }> {
    const reviews = await this.loaders.reviews.load(goal.lineageId);
    const next = nextReviewDue(
      goal.reviewDates,
      reviews.map((r) => r.reviewedAt),
    );
    return { nextReviewDue: next, overdue: isOverdue(next, todayInFinland()) };
  }

  /** The client accepts their plan (or staff record the client's acceptance on their behalf). */
  async accept(planId: string, onBehalfReason?: string | null): Promise<PlanResult> {
    const p = this.changing.principal();
    const found = await this.changing.forChange(planId, (who, x) => planAccess.canAccept(who, x));
    const onBehalf = p.role !== 'CLIENT';
    const reason = onBehalf ? (onBehalfReason?.trim() ?? '') : null;
    if (onBehalf && !reason) {
      return fail(
        found,
        'VALIDATION',
        "Record why you accept on the client's behalf.",
        'onBehalfReason',
      );
    }
    const tooLong = validateText(reason, 'onBehalfReason', 'The reason', 2000);
    if (tooLong.length > 0) return { plan: found, errors: toUserErrors(tooLong) };
    return this.changing.inTransaction(async (m) => {
      const plan = present(await this.stores.plans.lockPlan(m, found.id), 'The locked plan');
      if (plan.status !== 'DRAFT') {
        throw new Refused(
          fail(
            plan,
            'NOT_A_DRAFT',
            `Only a draft can be accepted; this version is ${plan.status}.`,
          ),
        );
      }
      const goals = await this.stores.plans.goalsByPlanIds([plan.id], m);
      if (goals.length === 0) {
        throw new Refused(
          fail(
            plan,
            'NO_GOALS',
            'A plan without goals cannot be accepted; add at least one goal.',
            'goals',
          ),
        );
      }
      await this.stores.plans.accept(m, plan, {
        id: p.sub,
        role: p.role,
        onBehalf,
        reason,
      });
      await this.changing.logChange(
        m,
        plan,
        p.role === 'CLIENT'
          ? 'ImplementationPlan.accepted'
          : 'ImplementationPlan.accepted-on-behalf',
      );
      return { plan, errors: [] };
    });
  }

  /** Staff send a draft to the client for her acceptance; it must have goals. */
  async send(planId: string): Promise<PlanResult> {
    const p = this.changing.principal();
    const found = await this.changing.forChange(planId, (who, x) => planAccess.canEdit(who, x));
    return this.changing.inTransaction(async (m) => {
      const plan = present(await this.stores.plans.lockPlan(m, found.id), 'The locked plan');
      if (plan.status !== 'DRAFT') {
        throw new Refused(
          fail(plan, 'NOT_A_DRAFT', `Only a draft is sent; this version is ${plan.status}.`),
        );
      }
      const goals = await this.stores.plans.goalsByPlanIds([plan.id], m);
      if (goals.length === 0) {
        throw new Refused(
          fail(plan, 'NO_GOALS', 'Add at least one goal before sending the plan.', 'goals'),
        );
      }
      await this.stores.plans.markSent(m, plan.id, p.sub);
      await this.changing.logChange(m, plan, 'ImplementationPlan.sent');
      return { plan, errors: [] };
    });
  }

  /** What changed against the previous version (empty for a first version). */
  async changes(plan: PlanRow): Promise<PlanChange[]> {
    if (!plan.previousVersionId) return [];
    const previous = await this.get(plan.previousVersionId);
    if (!previous) return [];
    const version = async (x: PlanRow) => ({
      supportNeeds: x.supportNeeds,
      practicalPlan: x.practicalPlan,
      goals: await this.loaders.goals.load(x.id),
      participants: await this.loaders.participants.load(x.id),
      allocations: await this.loaders.allocations.load(x.id),
    });
    return diffVersions(await version(previous), await version(plan));
  }

  /**
   * Why a plan not yet superseded no longer fits its budgets or providers, as their services
   * answer now (a re-assessment lowered a budget, a provider lost approval or the service).
   */
  async revisionFindings(plan: PlanRow): Promise<RevisionFinding[]> {
    if (plan.status === 'SUPERSEDED') return [];
    const allocations = await this.loaders.allocations.load(plan.id);
    if (allocations.length === 0) return [];
    const budgetIds = [...new Set(allocations.map((a) => a.budgetId))];
    const providerIds = [
      ...new Set(allocations.map((a) => a.providerId).filter((x): x is string => !!x)),
    ];
    const [budgets, providers] = await Promise.all([
      this.loaders.budgetInfo.loadMany(budgetIds),
      this.loaders.providerInfo.loadMany(providerIds),
    ]);
    const ok = <T>(x: T | Error | null): T | null => (x instanceof Error ? null : x);
    return revisionFindings(
      allocations,
      new Map(budgetIds.map((id, i) => [id, ok(budgets[i] ?? null)])),
      new Map(providerIds.map((id, i) => [id, ok(providers[i] ?? null)])),
    );
  }

  // Drafting (plan-drafting.service.ts) and follow-up (plan-follow-up.service.ts).
  create(...args: Parameters<PlanDraftingService['create']>) {
    return this.drafting.create(...args);
  }

  update(...args: Parameters<PlanDraftingService['update']>) {
    return this.drafting.update(...args);
  }

  setAllocations(...args: Parameters<PlanDraftingService['setAllocations']>) {
    return this.drafting.setAllocations(...args);
  }

  reviewGoal(...args: Parameters<PlanFollowUpService['reviewGoal']>) {
    return this.followUps.reviewGoal(...args);
  }

  switchProvider(...args: Parameters<PlanFollowUpService['switchProvider']>) {
    return this.followUps.switchProvider(...args);
  }
}
