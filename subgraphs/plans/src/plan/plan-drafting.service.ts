import crypto from 'node:crypto';

import type { EntityManager } from 'typeorm';
import {
  returnedRow,
  UserError,
  forbidden,
  isUuid,
  notFound,
  todayInFinland,
  type RequestContext,
} from '@hb/kit';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { BudgetInfo, Directories, ProviderInfo } from '../directory/directories';
import { planAccess } from './plan-access.policy';
import type { PlanRow } from './plan.model';
import {
  checkAllocations,
  validateGoals,
  validateParticipants,
  validateText,
  validateYear,
  type AllocationDraft,
  type GoalDraft,
  type ParticipantDraft,
  type RuleError,
} from './plan.rules';
import { goalsFromProposal } from '../proposal/proposal.rules';
import { PlanChanges, Refused, fail, toUserErrors, type PlanResult } from './plan-change';

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
 * Drafting plans: the first version (blank or from the client's proposal), changes (in place for
 * a DRAFT, as a new version of an ACCEPTED plan) and allocations within the decided budgets.
 */
export class PlanDraftingService {
  constructor(
    private readonly stores: PlansStores,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
    private readonly directories: Directories,
    private readonly changes: PlanChanges,
  ) {}

  async create(input: CreatePlanArgs): Promise<PlanResult> {
    const p = this.changes.principal();
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

    return this.changes.inTransaction(async (m) => {
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
      await this.stores.plans.replaceGoals(m, id, this.changes.goalRows(goals, new Map()));
      await this.stores.plans.replaceParticipants(
        m,
        id,
        this.changes.participantRows(participants),
      );
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
      createdBy: this.changes.principal().sub,
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
    await this.changes.logChange(m, plan, `ImplementationPlan.version=${plan.version + 1}`);
    const rows = await this.stores.plans.plansByIds([id], m);
    return returnedRow(rows);
  }

  async update(planId: string, input: UpdatePlanArgs): Promise<PlanResult> {
    const plan = await this.changes.forChange(planId, (p, x) => planAccess.canEdit(p, x));
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

    return this.changes.inTransaction(async (m) => {
      const target = await this.editableVersion(m, plan.id);
      await this.stores.plans.updateTexts(m, target.id, {
        supportNeeds: input.supportNeeds?.trim() ?? target.supportNeeds,
        practicalPlan: input.practicalPlan?.trim() ?? target.practicalPlan,
      });
      if (input.goals)
        await this.stores.plans.replaceGoals(
          m,
          target.id,
          this.changes.goalRows(input.goals, lineageOf),
        );
      if (input.participants) {
        await this.stores.plans.replaceParticipants(
          m,
          target.id,
          this.changes.participantRows(input.participants),
        );
      }
      await this.changes.logChange(m, target, 'ImplementationPlan.updated');
      return { plan: target, errors: [] };
    });
  }

  /**
   * Replaces the allocations. Budgets and providers are asked from their services before the
   * transaction opens; the rules are checked on those answers (see `checkAllocations`).
   */
  async setAllocations(planId: string, drafts: AllocationDraft[]): Promise<PlanResult> {
    const plan = await this.changes.forChange(planId, (p, x) => planAccess.canEdit(p, x));
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

    return this.changes.inTransaction(async (m) => {
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
      await this.changes.logChange(m, target, 'ImplementationPlan.allocations');
      return { plan: target, errors: [] };
    });
  }
}
