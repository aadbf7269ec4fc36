import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import { Budget, Client } from '../budget/budget.type';

@Resolver(() => Client)
export class ClientBudgetsResolver {
  @FieldResolver(() => [Budget], { description: 'Asiakkaan budjetit, vuosittain.' })
  budgets(
    @Root() client: Client,
    @Ctx() ctx: BudgetsContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    return ctx.budgets.forClient(client.id, year);
  }
}
