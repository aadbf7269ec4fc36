import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Budget } from '../budget/budget.type';
import { Client } from './client.type';

@Resolver(() => Client)
export class ClientBudgetsResolver {
  @FieldResolver(() => [Budget], { description: 'Asiakkaan budjetit, vuosittain.' })
  budgets(@Root() _client: Client, @Arg('year', () => Int, { nullable: true }) _year?: number): Budget[] {
    return [];
  }
}
