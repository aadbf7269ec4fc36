import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  UserError,
  forbidden,
  isUuid,
  notFound,
  todayInFinland,
  unauthenticated,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { BudgetInfo, Directories, ProviderInfo } from '../directory/directories';
import { planAccess } from './plan-access.policy';
import type { AllocationRow, GoalRow, PlanContents, PlanRow } from './plan.model';
import {
  checkAllocations,
  checkProvider,
  validateGoals,
  validateParticipants,
  validateReview,
  validateText,
  validateYear,
  type AllocationDraft,
  type GoalDraft,
  type ParticipantDraft,
  type RuleError,
} from './plan.rules';
import { isOverdue, nextReviewDue } from './goal-follow-up';
import { diffVersions, revisionFindings, type PlanChange, type RevisionFinding } from './plan-diff';
import { goalsFromProposal } from '../proposal/proposal.rules';

export interface PlanResult {
  plan: PlanRow | null;
  errors: UserError[];
}

const toUserErrors = (errors: RuleError[]) =>
  errors.map((e) => UserError.of(e.code, e.message, e.field));
const fail = (
  plan: PlanRow | null,
  code: string,
  message: string,
  field: string | null = null,
): PlanResult => ({
  plan,
  errors: [UserError.of(code, message, field)],
});

/** Thrown inside a transaction to roll it back with payload errors. */
class Refused extends Error {
  constructor(readonly result: PlanResult) {
    super('refused');
  }
}

export interface CreatePlanArgs {
  clientId: string;
  municipalityCode: string;
  year: number;
  supportNeeds?: string | null;
  practicalPlan?: string | null;
  goals?: GoalDraft[] | null;
  participants?: ParticipantDraft[] | null;
  /** Start from the client's submitted proposal: what is not given is taken from it. */
  fromProposal?: boolean | null;
}

export type UpdatePlanArgs = Omit<
  CreatePlanArgs,
  'clientId' | 'municipalityCode' | 'year' | 'fromProposal'
>;

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
  constructor(
    private readonly stores: PlansStores,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
    private readonly directories: Directories,
  ) {}

  principal(): Principal {
    if (!this.ctx.principal) throw unauthenticated();
    return this.ctx.principal;
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

  /** A plan for a change: NOT_FOUND or FORBIDDEN otherwise. */
  private async forChange(
    id: string,
    allowed: (p: Principal, plan: PlanRow) => boolean,
  ): Promise<PlanRow> {
    const p = this.principal();
    const plan = isUuid(id) ? await this.loaders.plan.load(id) : null;
    if (!plan) throw notFound('No such implementation plan.');
    if (!allowed(p, plan)) throw forbidden('You may not change this implementation plan.');
    return plan;
  }

  private async inTransaction(
    work: (m: EntityManager) => Promise<PlanResult>,
  ): Promise<PlanResult> {
    try {
      const result = await this.stores.db.transaction(work);
      this.loaders.plan.clearAll();
      this.loaders.plansOfClient.clearAll();
      this.loaders.goals.clearAll();
      this.loaders.participants.clearAll();
      this.loaders.allocations.clearAll();
      this.loaders.allocation.clearAll();
      this.loaders.reviews.clearAll();
      this.loaders.switches.clearAll();
      if (result.plan) {
        const fresh = await this.loaders.plan.load(result.plan.id);
        return { ...result, plan: fresh };
      }
      return result;
    } catch (error) {
      if (error instanceof Refused) return error.result;
      throw error;
    }
  }

  private async logChange(m: EntityManager, plan: PlanRow, subject: string): Promise<void> {
    await this.ctx.accessLog.writeNow(m, [{ clientId: plan.clientId, action: 'CHANGE', subject }]);
  }

  private goalRows(goals: GoalDraft[], lineageOf: Map<string, string>): PlanContents['goals'] {
    return goals.map((g, position) => ({
      lineageId: (g.id && lineageOf.get(g.id)) || crypto.randomUUID(),
      position,
      description: g.description.trim(),
      indicator: g.indicator?.trim() || null,
      reviewDates: [...new Set(g.reviewDates ?? [])].sort(),
    }));
  }

  private participantRows(participants: ParticipantDraft[]): PlanContents['participants'] {
    return participants.map((x, position) => ({
      position,
      name: x.name.trim(),
      role: x.role,
      responsibility: x.responsibility?.trim() || null,
    }));
  }

  async create(input: CreatePlanArgs): Promise<PlanResult> {
    const p = this.principal();
    if (!planAccess.isStaffFor(p, input.municipalityCode)) {
      throw forbidden('You may not draft plans for clients of this municipality.');
    }
    let proposalId: string | null = null;
    // Only a client of the caller's municipality has a proposal to tell about; otherwise the
    // client checks below answer, as without fromProposal.
    const owner = isUuid(input.clientId)
      ? await this.loaders.client.load(input.clientId).catch(() => null)
      : null;
    if (input.fromProposal && owner?.municipalityCode === input.municipalityCode) {
      const proposal = await this.loaders.proposalOfClient.load(input.clientId);
      if (!proposal || proposal.status !== 'SUBMITTED') {
        return {
          plan: null,
          errors: [
            UserError.of(
              'NO_PROPOSAL',
              'The client has not sent a proposal.',
              'input.fromProposal',
            ),
          ],
        };
      }
      proposalId = proposal.id;
      const words = [proposal.wishes, proposal.needs].filter(Boolean).join('\n\n');
      input = {
        ...input,
        supportNeeds: input.supportNeeds ?? words.slice(0, 10_000),
        goals: input.goals ?? goalsFromProposal(proposal.goals),
      };
    }
    const goals = input.goals ?? [];
    const participants = input.participants ?? [];
    const errors: RuleError[] = [
      ...validateYear(input.year, Number(todayInFinland().slice(0, 4))),
      ...validateText(input.supportNeeds, 'input.supportNeeds', 'Support needs'),
      ...validateText(input.practicalPlan, 'input.practicalPlan', 'The practical plan'),
      ...validateGoals(goals, 'input.goals'),
      ...validateParticipants(participants, 'input.participants'),
    ];
    if (goals.some((g) => g.id)) {
      errors.push({
        code: 'VALIDATION',
        message: 'A new plan has no existing goals.',
        field: 'input.goals',
      });
    }
    const client = isUuid(input.clientId)
      ? await this.directories.clients.client(input.clientId, this.ctx)
      : null;
    if (!client) {
      errors.push({ code: 'UNKNOWN_CLIENT', message: 'No such client.', field: 'input.clientId' });
    } else if (client.municipalityCode !== input.municipalityCode) {
      errors.push({
        code: 'WRONG_MUNICIPALITY',
        message: `The client is a client of municipality ${client.municipalityCode}.`,
        field: 'input.municipalityCode',
      });
    }
    if (errors.length > 0) return { plan: null, errors: toUserErrors(errors) };

    return this.inTransaction(async (m) => {
      // Serialises concurrent creation for the same client.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `plans:${input.clientId}:${input.year}`,
      ]);
      const existing = await this.stores.plans.latestVersion(m, input.clientId, input.year);
      if (existing) {
        throw new Refused(
          fail(
            null,
            'PLAN_EXISTS',
            `The client already has a plan for ${input.year}; change it instead.`,
            'input.year',
          ),
        );
      }
      const id = await this.stores.plans.insertPlan(m, {
        clientId: input.clientId,
        municipalityCode: input.municipalityCode,
        year: input.year,
        version: 1,
        supportNeeds: input.supportNeeds?.trim() ?? '',
        practicalPlan: input.practicalPlan?.trim() ?? '',
        previousVersionId: null,
        createdBy: p.sub,
        proposalId,
      });
      await this.stores.plans.replaceGoals(m, id, this.goalRows(goals, new Map()));
      await this.stores.plans.replaceParticipants(m, id, this.participantRows(participants));
      await this.ctx.accessLog.writeNow(m, [
        { clientId: input.clientId, action: 'CHANGE', subject: 'ImplementationPlan.created' },
      ]);
      return { plan: { id } as PlanRow, errors: [] };
    });
  }

  /**
   * The version a change applies to: a draft itself, or a new draft copied from the accepted
   * plan. Refuses superseded versions and accepted ones that already have a newer draft.
   */
  private async editableVersion(m: EntityManager, planId: string): Promise<PlanRow> {
    const plan = await this.stores.plans.lockPlan(m, planId);
    if (!plan) throw notFound('No such implementation plan.');
    if (plan.status === 'DRAFT') return plan;
    if (plan.status === 'SUPERSEDED') {
      throw new Refused(
        fail(plan, 'SUPERSEDED', 'This version has been superseded; change the newest version.'),
      );
    }
    const latest = await this.stores.plans.latestVersion(m, plan.clientId, plan.year);
    if (latest && latest.id !== plan.id) {
      throw new Refused(
        fail(
          plan,
          'NEWER_VERSION_EXISTS',
          `Version ${latest.version} is being drafted; change that version.`,
        ),
      );
    }
    const id = await this.stores.plans.insertPlan(m, {
      clientId: plan.clientId,
      municipalityCode: plan.municipalityCode,
      year: plan.year,
      version: plan.version + 1,
      supportNeeds: plan.supportNeeds,
      practicalPlan: plan.practicalPlan,
      previousVersionId: plan.id,
      createdBy: this.principal().sub,
      proposalId: plan.proposalId,
    });
    // One connection: one statement at a time.
    const goals = await this.stores.plans.goalsByPlanIds([plan.id], m);
    const participants = await this.stores.plans.participantsByPlanIds([plan.id], m);
    const allocations = await this.stores.plans.allocationsByPlanIds([plan.id], m);
    await this.stores.plans.replaceGoals(
      m,
      id,
      goals.map(({ id: _i, planId: _p, ...g }) => g),
    );
    await this.stores.plans.replaceParticipants(
      m,
      id,
      participants.map(({ id: _i, planId: _p, ...x }) => x),
    );
    await this.stores.plans.replaceAllocations(
      m,
      id,
      allocations.map(({ id: _i, planId: _p, ...a }) => a),
    );
    await this.logChange(m, plan, `ImplementationPlan.version=${plan.version + 1}`);
    const rows = await this.stores.plans.plansByIds([id], m);
    return rows[0]!;
  }

  async update(planId: string, input: UpdatePlanArgs): Promise<PlanResult> {
    const plan = await this.forChange(planId, (p, x) => planAccess.canEdit(p, x));
    const errors: RuleError[] = [
      ...validateText(input.supportNeeds, 'input.supportNeeds', 'Support needs'),
      ...validateText(input.practicalPlan, 'input.practicalPlan', 'The practical plan'),
      ...(input.goals ? validateGoals(input.goals, 'input.goals') : []),
      ...(input.participants ? validateParticipants(input.participants, 'input.participants') : []),
    ];
    const current = await this.loaders.goals.load(plan.id);
    const lineageOf = new Map(current.map((g) => [g.id, g.lineageId]));
    input.goals?.forEach((g, i) => {
      if (g.id && !lineageOf.has(g.id)) {
        errors.push({
          code: 'VALIDATION',
          message: 'Not a goal of this plan.',
          field: `input.goals[${i}].id`,
        });
      }
    });
    if (errors.length > 0) return { plan, errors: toUserErrors(errors) };

    return this.inTransaction(async (m) => {
      const target = await this.editableVersion(m, plan.id);
      await this.stores.plans.updateTexts(m, target.id, {
        supportNeeds: input.supportNeeds?.trim() ?? target.supportNeeds,
        practicalPlan: input.practicalPlan?.trim() ?? target.practicalPlan,
      });
      if (input.goals)
        await this.stores.plans.replaceGoals(m, target.id, this.goalRows(input.goals, lineageOf));
      if (input.participants) {
        await this.stores.plans.replaceParticipants(
          m,
          target.id,
          this.participantRows(input.participants),
        );
      }
      await this.logChange(m, target, 'ImplementationPlan.updated');
      return { plan: target, errors: [] };
    });
  }

  /**
   * Replaces the allocations. Budgets and providers are asked from their services before the
   * transaction opens; the rules are checked on those answers (see `checkAllocations`).
   */
  async setAllocations(planId: string, drafts: AllocationDraft[]): Promise<PlanResult> {
    const plan = await this.forChange(planId, (p, x) => planAccess.canEdit(p, x));
    const budgetIds = [...new Set(drafts.map((d) => d.budgetId).filter(isUuid))];
    const providerIds = [
      ...new Set(drafts.map((d) => d.providerId).filter((x): x is string => !!x && isUuid(x))),
    ];
    const [budgets, providers] = await Promise.all([
      Promise.all(
        budgetIds.map(
          async (id) => [id, await this.directories.budgets.budget(id, this.ctx)] as const,
        ),
      ),
      Promise.all(
        providerIds.map(
          async (id) => [id, await this.directories.providers.provider(id, this.ctx)] as const,
        ),
      ),
    ]);
    const checked = checkAllocations(
      plan,
      drafts,
      new Map<string, BudgetInfo | null>(budgets),
      new Map<string, ProviderInfo | null>(providers),
    );
    const current = await this.loaders.allocations.load(plan.id);
    const lineageOf = new Map(current.map((a) => [a.id, a.lineageId]));
    drafts.forEach((d, i) => {
      if (d.id && !lineageOf.has(d.id)) {
        checked.errors.push({
          code: 'VALIDATION',
          message: 'Not an allocation of this plan.',
          field: `allocations[${i}].id`,
        });
      }
    });
    if (checked.errors.length > 0) return { plan, errors: toUserErrors(checked.errors) };

    return this.inTransaction(async (m) => {
      const target = await this.editableVersion(m, plan.id);
      await this.stores.plans.replaceAllocations(
        m,
        target.id,
        checked.allocations.map(({ keepLineageOf, ...a }, position) => ({
          ...a,
          position,
          lineageId: (keepLineageOf && lineageOf.get(keepLineageOf)) || crypto.randomUUID(),
        })),
      );
      await this.stores.plans.touch(m, target.id);
      await this.logChange(m, target, 'ImplementationPlan.allocations');
      return { plan: target, errors: [] };
    });
  }

  /** The client accepts their plan (or staff record the client's acceptance on their behalf). */
  async accept(planId: string, onBehalfReason?: string | null): Promise<PlanResult> {
    const p = this.principal();
    const found = await this.forChange(planId, (who, x) => planAccess.canAccept(who, x));
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
    return this.inTransaction(async (m) => {
      const plan = (await this.stores.plans.lockPlan(m, found.id))!;
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
      await this.logChange(
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
    const p = this.principal();
    const found = await this.forChange(planId, (who, x) => planAccess.canEdit(who, x));
    return this.inTransaction(async (m) => {
      const plan = (await this.stores.plans.lockPlan(m, found.id))!;
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
      await this.logChange(m, plan, 'ImplementationPlan.sent');
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

  /** Records a follow-up review of a goal of the plan in force. */
  async reviewGoal(
    goalId: string,
    input: { reviewedAt: string; attainment: number; note?: string | null },
  ): Promise<PlanResult> {
    const p = this.principal();
    const goal = isUuid(goalId) ? await this.loaders.goal.load(goalId) : null;
    if (!goal) throw notFound('No such goal.');
    const plan = await this.forChange(goal.planId, (who, x) => planAccess.canEdit(who, x));
    const errors = validateReview(input, todayInFinland());
    if (errors.length > 0) return { plan, errors: toUserErrors(errors) };
    return this.inTransaction(async (m) => {
      const locked = (await this.stores.plans.lockPlan(m, plan.id))!;
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
      await this.logChange(m, locked, 'ImplementationPlan.goalReview');
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
    const p = this.principal();
    const allocation = isUuid(args.allocationId)
      ? await this.loaders.allocation.load(args.allocationId)
      : null;
    if (!allocation) throw notFound('No such allocation.');
    const plan = await this.forChange(allocation.planId, (who, x) =>
      planAccess.canSwitchProvider(who, x),
    );
    const errors: RuleError[] = [];
    if (!args.reason?.trim())
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
    if (errors.length > 0) return { plan, errors: toUserErrors(errors) };
    const discretionaryReason =
      provider!.approvalStatus === 'APPROVED' ? null : args.discretionaryReason!.trim();

    return this.inTransaction(async (m) => {
      const locked = (await this.stores.plans.lockPlan(m, plan.id))!;
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
      await this.logChange(m, locked, 'ImplementationPlan.providerSwitch');
      return { plan: locked, errors: [] };
    });
  }
}
