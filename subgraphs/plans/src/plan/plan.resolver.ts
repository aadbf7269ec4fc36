import { Arg, ID, Query, Resolver } from 'type-graphql';
import { ImplementationPlan } from './plan.type';

@Resolver(() => ImplementationPlan)
export class PlanResolver {
  @Query(() => ImplementationPlan, { nullable: true })
  plan(@Arg('id', () => ID) _id: string): ImplementationPlan | null {
    return null;
  }
}
