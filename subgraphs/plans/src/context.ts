import { byKeys, groupByKeys } from '@hb/kit';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '@hb/kit';
import { PlanStore } from './plan/plan.store';
import type {
  AllocationRow,
  GoalReviewRow,
  GoalRow,
  ParticipantRow,
  PlanRow,
  ProviderSwitchRow,
} from './plan/plan.model';
import type { BudgetInfo, ClientInfo, Directories, ProviderInfo } from './directory/directories';
import { PlanService } from './plan/plan.service';
import { FeedbackService } from './feedback/feedback.service';
import { PlanReportService } from './report/report.service';
import { PlanReportStore } from './report/report.store';
import { ProposalStore } from './proposal/proposal.store';
import { FeedbackStore } from './feedback/feedback.store';
import { ComplaintService } from './feedback/complaint.service';
import { ProposalService } from './proposal/proposal.service';
import type { ProposalRow } from './proposal/proposal.model';
import { ChangeRequestStore } from './change-request/change-request.store';
import { ChangeRequestService } from './change-request/change-request.service';

/** Stores are stateless and shared by all requests. */
export interface PlansStores {
  db: DataSource;
  plans: PlanStore;
  proposals: ProposalStore;
  feedback: FeedbackStore;
}

export function createStores(db: DataSource): PlansStores {
  return {
    db,
    plans: new PlanStore(db),
    proposals: new ProposalStore(db),
    feedback: new FeedbackStore(db),
  };
}

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
     * client and request; a refusal there is this key's error.
     */
    client: new DataLoader<string, ClientInfo | null>((clientIds) =>
      Promise.all(
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

/** The request context of the plans subgraph. */
export interface PlansContext extends RequestContext {
  loaders: PlansLoaders;
  plans: PlanService;
  feedback: FeedbackService;
  reports: PlanReportService;
  proposals: ProposalService;
  complaints: ComplaintService;
  changeRequests: ChangeRequestService;
}

export function extendContext(stores: PlansStores, directories: Directories) {
  return (base: RequestContext): PlansContext => {
    const loaders = createLoaders(stores, directories, base);
    const plans = new PlanService(stores, base, loaders, directories);
    return {
      ...base,
      loaders,
      plans,
      feedback: new FeedbackService(stores, base, loaders, directories, plans, stores.feedback),
      complaints: new ComplaintService(stores, stores.feedback, base, loaders, directories),
      reports: new PlanReportService(new PlanReportStore(stores.db), base),
      proposals: new ProposalService(stores, base, loaders, directories),
      changeRequests: new ChangeRequestService(
        stores,
        new ChangeRequestStore(stores.db),
        base,
        loaders,
      ),
    };
  };
}
