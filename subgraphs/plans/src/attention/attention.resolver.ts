import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { PlansContext } from '../shared/context.types';
import { PlanAttention } from './attention.type';

/** Thin: who may ask and the follow-up rules are in PlanAttentionService. */
@Resolver(() => PlanAttention)
export class PlanAttentionResolver {
  @Query(() => [PlanAttention], {
    description:
      'Plan figures of the clients of these municipalities for a year, for ordering and filtering the caseload on the server (HB advisers and own workers of those municipalities).',
  })
  planAttention(
    @Ctx() ctx: PlansContext,
    @Arg('municipalityCodes', () => [String]) municipalityCodes: string[],
    @Arg('year', () => Int) year: number,
  ) {
    return ctx.attention.attention(municipalityCodes, year);
  }
}
