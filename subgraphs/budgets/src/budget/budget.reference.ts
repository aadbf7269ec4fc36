import type { BudgetsContext } from '../shared/context.types';

/**
 * Reference resolvers: how the gateway fetches budgets and service types by key. They batch
 * through the request's loaders and apply the same authorization as `budget(id)`.
 */
export const budgetsReferenceResolvers = {
  Budget: {
    __resolveReference: (ref: { id: string }, ctx: BudgetsContext) => ctx.budgets.get(ref.id),
  },
  ServiceType: {
    __resolveReference: (ref: { code: string }, ctx: BudgetsContext) =>
      ctx.loaders.serviceType.load(ref.code),
  },
  Client: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
