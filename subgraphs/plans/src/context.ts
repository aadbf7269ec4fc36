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
import type { Directories } from './directory/directories';
import { PlanService } from './plan/plan.service';
import { FeedbackService } from './feedback/feedback.service';
import { PlanReportService } from './report/report.service';
import { PlanReportStore } from './report/report.store';

/** Stores are stateless and shared by all requests. */
export interface PlansStores {
  db: DataSource;
  plans: PlanStore;
}

export function createStores(db: DataSource): PlansStores {
  return { db, plans: new PlanStore(db) };
}

const byKey = <K, V>(rows: V[], keys: readonly K[], keyOf: (v: V) => K) => {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
};
const groupBy = <K, V>(rows: V[], keys: readonly K[], keyOf: (v: V) => K) => {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const list = map.get(keyOf(row));
    if (list) list.push(row);
    else map.set(keyOf(row), [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
};

/** Per-request batching: every list field and reference resolver goes through these. */
export function createLoaders(stores: PlansStores, directories: Directories, base: RequestContext) {
  const s = stores.plans;
  return {
    plan: new DataLoader<string, PlanRow | null>(async (ids) => byKey(await s.plansByIds(ids), ids, (p) => p.id)),
    plansOfClient: new DataLoader<string, PlanRow[]>(async (ids) =>
      groupBy(await s.plansByClientIds(ids), ids, (p) => p.clientId),
    ),
    goals: new DataLoader<string, GoalRow[]>(async (ids) => groupBy(await s.goalsByPlanIds(ids), ids, (g) => g.planId)),
    goal: new DataLoader<string, GoalRow | null>(async (ids) => byKey(await s.goalsByIds(ids), ids, (g) => g.id)),
    reviews: new DataLoader<string, GoalReviewRow[]>(async (lineages) =>
      groupBy(await s.reviewsByLineageIds(lineages), lineages, (r) => r.lineageId),
    ),
    participants: new DataLoader<string, ParticipantRow[]>(async (ids) =>
      groupBy(await s.participantsByPlanIds(ids), ids, (x) => x.planId),
    ),
    allocations: new DataLoader<string, AllocationRow[]>(async (ids) =>
      groupBy(await s.allocationsByPlanIds(ids), ids, (a) => a.planId),
    ),
    allocation: new DataLoader<string, AllocationRow | null>(async (ids) =>
      byKey(await s.allocationsByIds(ids), ids, (a) => a.id),
    ),
    allocationsOfBudget: new DataLoader<string, AllocationRow[]>(async (ids) =>
      groupBy(await s.acceptedAllocationsByBudgetIds(ids), ids, (a) => a.budgetId),
    ),
    switches: new DataLoader<string, ProviderSwitchRow[]>(async (lineages) =>
      groupBy(await s.switchesByLineageIds(lineages), lineages, (x) => x.allocationLineageId),
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
}

export function extendContext(stores: PlansStores, directories: Directories) {
  return (base: RequestContext): PlansContext => {
    const loaders = createLoaders(stores, directories, base);
    const plans = new PlanService(stores, base, loaders, directories);
    return {
      ...base,
      loaders,
      plans,
      feedback: new FeedbackService(stores, base, loaders, directories, plans),
      reports: new PlanReportService(new PlanReportStore(stores.db), base),
    };
  };
}
