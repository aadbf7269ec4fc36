import DataLoader from 'dataloader';
import {
  present,
  UserError,
  forbidden,
  groupByKeys,
  isUuid,
  notFound,
  requirePrincipal,
  type RequestContext,
} from '@hb/kit';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { PlanRow } from '../plan/plan.model';
import { changeRequestAccess } from './change-request.policy';
import { changeRequestProblem } from './change-request.rules';
import type { ChangeRequestRow, ChangeRequestStore } from './change-request.store';

/** The client's requests to change a draft plan: made by her, read with the plan. */
export class ChangeRequestService {
  private readonly byPlan: DataLoader<string, ChangeRequestRow[]>;

  constructor(
    private readonly stores: PlansStores,
    private readonly store: ChangeRequestStore,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
  ) {
    this.byPlan = new DataLoader(async (ids) =>
      groupByKeys(await this.store.byPlanIds(ids), ids, (r) => r.planId),
    );
  }

  /**
   * The requests on a plan the caller has already been allowed to read (the plan's own
   * resolvers decided that); a non-empty answer is logged as a read of the client's data.
   */
  async ofPlan(plan: PlanRow): Promise<ChangeRequestRow[]> {
    const rows = await this.byPlan.load(plan.id);
    if (rows.length > 0)
      this.ctx.accessLog.read('ImplementationPlan.changeRequests', [plan.clientId]);
    return rows;
  }

  /** The client says what should change in her draft; the draft's status is checked locked. */
  async request(planId: string, message: string) {
    const p = requirePrincipal(this.ctx);
    const found = isUuid(planId) ? await this.loaders.plan.load(planId) : null;
    if (!found) throw notFound('No such implementation plan.');
    if (!changeRequestAccess.canRequest(p, found)) {
      throw forbidden('You may not change this implementation plan.');
    }
    return this.stores.db.transaction(async (m) => {
      const plan = present(await this.stores.plans.lockPlan(m, found.id), 'The locked plan');
      const problem = changeRequestProblem(plan.status, message);
      if (problem) {
        return {
          plan,
          changeRequest: null,
          errors: [UserError.of('VALIDATION', problem.message, problem.field)],
        };
      }
      const changeRequest = await this.store.insert(m, {
        planId: plan.id,
        clientId: plan.clientId,
        message: message.trim(),
        by: p.sub,
        role: 'CLIENT',
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: plan.clientId, action: 'CHANGE', subject: 'ImplementationPlan.changeRequest' },
      ]);
      this.byPlan.clear(plan.id);
      return { plan, changeRequest, errors: [] };
    });
  }
}
