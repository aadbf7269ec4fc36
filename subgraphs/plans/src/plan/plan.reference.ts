import type { PlansContext } from '../shared/context.types';

/**
 * Reference resolvers: how the gateway fetches plans by key. They batch through the request's
 * loaders and apply the same authorization as the root query, so `_entities` is no way around
 * the rules. Clients and budgets resolve to their key: this subgraph only adds fields to them.
 */
export const plansReferenceResolvers = {
  ImplementationPlan: {
    __resolveReference: (ref: { id: string }, ctx: PlansContext) => ctx.plans.get(ref.id),
  },
  Proposal: {
    __resolveReference: (ref: { id: string }, ctx: PlansContext) => ctx.proposals.get(ref.id),
  },
  Complaint: {
    __resolveReference: (ref: { id: string }, ctx: PlansContext) => ctx.complaints.get(ref.id),
  },
  Client: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
  Budget: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
