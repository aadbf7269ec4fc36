import crypto from 'node:crypto';

import type { EntityManager } from 'typeorm';
import {
  UserError,
  forbidden,
  isUuid,
  notFound,
  requirePrincipal,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { PlanContents, PlanRow } from './plan.model';
import { type GoalDraft, type ParticipantDraft, type RuleError } from './plan.rules';

export interface PlanResult {
  plan: PlanRow | null;
  errors: UserError[];
}

export const toUserErrors = (errors: RuleError[]) =>
  errors.map((e) => UserError.of(e.code, e.message, e.field));
export const fail = (
  plan: PlanRow | null,
  code: string,
  message: string,
  field: string | null = null,
): PlanResult => ({
  plan,
  errors: [UserError.of(code, message, field)],
});

/** Thrown inside a transaction to roll it back with payload errors. */
export class Refused extends Error {
  constructor(readonly result: PlanResult) {
    super('refused');
  }
}

/**
 * What every change of a plan shares: the caller, the plan to change (NOT_FOUND or FORBIDDEN),
 * one transaction whose payload errors roll it back, and the access log.
 */
export class PlanChanges {
  constructor(
    private readonly stores: PlansStores,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
  ) {}

  principal(): Principal {
    return requirePrincipal(this.ctx);
  }

  /** A plan for a change: NOT_FOUND or FORBIDDEN otherwise. */
  async forChange(id: string, allowed: (p: Principal, plan: PlanRow) => boolean): Promise<PlanRow> {
    const p = this.principal();
    const plan = isUuid(id) ? await this.loaders.plan.load(id) : null;
    if (!plan) throw notFound('No such implementation plan.');
    if (!allowed(p, plan)) throw forbidden('You may not change this implementation plan.');
    return plan;
  }

  async inTransaction(work: (m: EntityManager) => Promise<PlanResult>): Promise<PlanResult> {
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

  async logChange(m: EntityManager, plan: PlanRow, subject: string): Promise<void> {
    await this.ctx.accessLog.writeNow(m, [{ clientId: plan.clientId, action: 'CHANGE', subject }]);
  }

  goalRows(goals: GoalDraft[], lineageOf: Map<string, string>): PlanContents['goals'] {
    return goals.map((g, position) => ({
      lineageId: (g.id && lineageOf.get(g.id)) || crypto.randomUUID(),
      position,
      description: g.description.trim(),
      indicator: g.indicator?.trim() || null,
      reviewDates: [...new Set(g.reviewDates ?? [])].sort(),
    }));
  }

  participantRows(participants: ParticipantDraft[]): PlanContents['participants'] {
    return participants.map((x, position) => ({
      position,
      name: x.name.trim(),
      role: x.role,
      responsibility: x.responsibility?.trim() || null,
    }));
  }
}
