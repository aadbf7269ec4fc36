import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { PlansContext } from '../shared/context.types';
import type { PlanRow } from '../plan/plan.model';
import { ImplementationPlan } from '../plan/plan.type';
import { PlanChangeRequest, PlanChangeRequestPayload } from './change-request.type';

@Resolver(() => ImplementationPlan)
export class PlanChangeRequestResolver {
  @FieldResolver(() => [PlanChangeRequest], {
    description: 'Muutostoiveet – what the client asked to change in this draft, oldest first.',
  })
  changeRequests(@Root() plan: PlanRow, @Ctx() ctx: PlansContext) {
    return ctx.changeRequests.ofPlan(plan);
  }

  @Mutation(() => PlanChangeRequestPayload, {
    description: 'Asiakas kertoo, mitä luonnoksessa pitäisi muuttaa, ennen kuin hyväksyy sen.',
  })
  requestPlanChanges(
    @Arg('planId', () => ID) planId: string,
    @Arg('message') message: string,
    @Ctx() ctx: PlansContext,
  ) {
    return ctx.changeRequests.request(planId, message);
  }
}
