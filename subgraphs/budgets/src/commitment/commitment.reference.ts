import type { BudgetsContext } from '../shared/context.types';

/**
 * `_entities` for PaymentCommitment: through the same rules as a read (the budget's readers and
 * the payee provider), batched by the request's loader.
 */
export const commitmentReferenceResolvers = {
  PaymentCommitment: {
    __resolveReference: (ref: { id: string }, ctx: BudgetsContext) => ctx.commitments.get(ref.id),
  },
};
