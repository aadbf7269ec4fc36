import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { BudgetsContext } from '../shared/context.types';
import { Budget, Transaction } from '../budget/budget.type';
import { BudgetChange } from './budget-change.type';
import type { BudgetEventRow } from './budget-event.store';
import type { BudgetChangedArgs } from './budget-event.service';

/** Thin: authorization, replay and ordering live in BudgetEventService. */
@Resolver(() => BudgetChange)
export class BudgetChangeResolver {
  @Subscription(() => BudgetChange, {
    description:
      "Budjetin muutokset reaaliajassa – changes of one client's budgets (clientId) or one budget (budgetId); with sinceSequence, first every change after it.",
    subscribe: ({ args, context }) =>
      (context as BudgetsContext).events.subscribe(args as BudgetChangedArgs),
  })
  budgetChanged(
    @Root() event: BudgetEventRow,
    @Arg('clientId', () => ID, { nullable: true }) _clientId?: string,
    @Arg('budgetId', () => ID, { nullable: true }) _budgetId?: string,
    @Arg('sinceSequence', () => String, { nullable: true }) _sinceSequence?: string,
  ): BudgetEventRow {
    return event;
  }

  @Query(() => BudgetChange, {
    nullable: true,
    description: 'One budget change by its sequence (the gateway completes live events with it).',
  })
  budgetChange(@Arg('sequence', () => String) sequence: string, @Ctx() ctx: BudgetsContext) {
    return ctx.events.get(sequence);
  }

  @FieldResolver(() => Budget)
  budget(@Root() event: BudgetEventRow, @Ctx() ctx: BudgetsContext) {
    return ctx.budgets.get(event.budgetId);
  }

  @FieldResolver(() => Transaction, { nullable: true })
  async transaction(@Root() event: BudgetEventRow, @Ctx() ctx: BudgetsContext) {
    if (!event.transactionId) return null;
    // Whoever may read the budget may read its ledger entries.
    if (!(await ctx.budgets.get(event.budgetId))) return null;
    return ctx.loaders.transaction.load(event.transactionId);
  }
}
