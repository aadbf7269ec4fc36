import { byKeys, groupByKeys, type RequestContext } from '@hb/kit';
import DataLoader from 'dataloader';
import type {
  AllocationRow,
  GoalReviewRow,
  GoalRow,
  ParticipantRow,
  PlanRow,
  ProviderSwitchRow,
} from '../plan/plan.model';
import type { BudgetInfo, ClientInfo, Directories, ProviderInfo } from '../directory/directories';
import type { ProposalRow } from '../proposal/proposal.model';
import type { PlansStores } from './stores';

/** Per-request batching: every list field and reference resolver goes through these. */
export function createLoaders(stores: PlansStores, directories: Directories, base: RequestContext) {
  const s = stores.plans;
  return {
    plan: new DataLoader<string, PlanRow | null>(async (ids) =>
      byKeys(await s.plansByIds(ids), ids, (p) => p.id),
    ),
    plansOfClient: new DataLoader<string, PlanRow[]>(async (ids) =>
      groupByKeys(await s.plansByClientIds(ids), ids, (p) => p.clientId),
    ),
    goals: new DataLoader<string, GoalRow[]>(async (ids) =>
      groupByKeys(await s.goalsByPlanIds(ids), ids, (g) => g.planId),
    ),
    goal: new DataLoader<string, GoalRow | null>(async (ids) =>
      byKeys(await s.goalsByIds(ids), ids, (g) => g.id),
    ),
    reviews: new DataLoader<string, GoalReviewRow[]>(async (lineages) =>
      groupByKeys(await s.reviewsByLineageIds(lineages), lineages, (r) => r.lineageId),
    ),
    participants: new DataLoader<string, ParticipantRow[]>(async (ids) =>
      groupByKeys(await s.participantsByPlanIds(ids), ids, (x) => x.planId),
    ),
    allocations: new DataLoader<string, AllocationRow[]>(async (ids) =>
      groupByKeys(await s.allocationsByPlanIds(ids), ids, (a) => a.planId),
    ),
    allocation: new DataLoader<string, AllocationRow | null>(async (ids) =>
      byKeys(await s.allocationsByIds(ids), ids, (a) => a.id),
    ),
    allocationsOfBudget: new DataLoader<string, AllocationRow[]>(async (ids) =>
      groupByKeys(await s.acceptedAllocationsByBudgetIds(ids), ids, (a) => a.budgetId),
    ),
    switches: new DataLoader<string, ProviderSwitchRow[]>(async (lineages) =>
      groupByKeys(await s.switchesByLineageIds(lineages), lineages, (x) => x.allocationLineageId),
    ),
    /**
     * Clients as the clients subgraph shows them to the caller (null: unknown), asked once per
     * client and request; a refusal there is this key's error. The clients of one tick go in
     * one request: `Client.plans` of a page's clients without plans asked one by one (an HTTP
     * request, a GraphQL execution and an access-log write in the clients subgraph each).
     */
    client: new DataLoader<string, ClientInfo | null>((clientIds) =>
      directories.clients.clients && clientIds.length > 1
        ? directories.clients.clients(clientIds, base)
        : Promise.all(
            clientIds.map((id) =>
              directories.clients
                .client(id, base)
                .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
            ),
          ),
    ),
    proposalOfClient: new DataLoader<string, ProposalRow | null>(async (ids) =>
      byKeys(await stores.proposals.byClientIds(ids), ids, (r) => r.clientId),
    ),
    proposal: new DataLoader<string, ProposalRow | null>(async (ids) =>
      byKeys(await stores.proposals.byIds(ids), ids, (r) => r.id),
    ),
    /** Budgets and providers as their services answer the caller now, once per request. */
    budgetInfo: new DataLoader<string, BudgetInfo | null>((ids) =>
      Promise.all(ids.map((id) => directories.budgets.budget(id, base).catch(() => null))),
    ),
    providerInfo: new DataLoader<string, ProviderInfo | null>((ids) =>
      Promise.all(ids.map((id) => directories.providers.provider(id, base).catch(() => null))),
    ),
    /** The calling team member's consent scopes per client, asked once per request. */
    consentScopes: new DataLoader<string, string[]>((clientIds) =>
      Promise.all(clientIds.map((id) => directories.clients.consentScopes(id, base))),
    ),
  };
}

export type PlansLoaders = ReturnType<typeof createLoaders>;
