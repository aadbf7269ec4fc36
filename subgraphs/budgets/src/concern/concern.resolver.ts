import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import { Concern, ConcernPayload, RaiseConcernInput } from './concern.type';

/** Thin: the rules are in ConcernService. */
@Resolver(() => Concern)
export class ConcernResolver {
  @Mutation(() => ConcernPayload, {
    description:
      "Huoli: a provider tells the client's own worker that her service use is abnormal or the service does not meet her need (only about a client it holds a payment commitment for).",
  })
  raiseConcern(
    @Arg('input', () => RaiseConcernInput) input: RaiseConcernInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.concerns.raise(input);
  }
}
