import type { BudgetsContext } from '../shared/context.types';

/**
 * `_entities` for PaymentBatch: the same rule as `paymentBatch(id)`, so a reference from
 * another subgraph (or a crafted `_entities` call) reveals nothing to anyone else.
 */
export const settlementReferenceResolvers = {
  PaymentBatch: {
    __resolveReference: (ref: { id: string }, ctx: BudgetsContext) => ctx.settlement.get(ref.id),
  },
};
