import { Arg, ID, Query, Resolver } from 'type-graphql';
import { Budget, ServiceType } from './budget.type';

@Resolver(() => Budget)
export class BudgetResolver {
  @Query(() => Budget, { nullable: true })
  budget(@Arg('id', () => ID) _id: string): Budget | null {
    return null;
  }

  @Query(() => [ServiceType])
  serviceTypes(): ServiceType[] {
    return [];
  }
}
