import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money } from '@hb/kit';
import type { BudgetsContext } from '../shared/context.types';
import type { BudgetRow } from './budget.store';
import {
  Budget,
  BudgetAlert,
  BudgetPayload,
  Client,
  DecideBudgetInput,
  HbClass,
  Instalment,
  ServiceType,
  TransactionConnection,
} from './budget.type';

/** Thin: authorization and rules live in the services. */
@Resolver(() => Budget)
export class BudgetResolver {
  @Query(() => Budget, { nullable: true, description: 'Yksi budjetti.' })
  budget(@Arg('id', () => ID) id: string, @Ctx() ctx: BudgetsContext) {
    return ctx.budgets.get(id);
  }

  @Mutation(() => BudgetPayload, {
    description:
      'Budjettipäätös: the first decision grants the budget; a later one is a re-assessment (ADJUSTMENT).',
  })
  decideBudget(
    @Arg('input', () => DecideBudgetInput) input: DecideBudgetInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.budgets.decide(input, ctx.catalog);
  }

  @FieldResolver(() => Client)
  client(@Root() budget: BudgetRow) {
    return { id: budget.clientId };
  }

  @FieldResolver(() => ServiceType)
  serviceType(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return ctx.loaders.serviceType.load(budget.serviceTypeCode);
  }

  @FieldResolver(() => HbClass, { nullable: true })
  hbClass(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return budget.hbClassId ? ctx.catalog.hbClass(budget.hbClassId, budget.year) : null;
  }

  @FieldResolver(() => Money, { description: 'Myönnetty – granted (grants and adjustments).' })
  async granted(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return Money.fromCents((await ctx.budgets.balance(budget)).grantedCents);
  }

  @FieldResolver(() => Money, { description: 'Maksettu – instalments paid out.' })
  async paidOut(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return Money.fromCents((await ctx.budgets.balance(budget)).paidOutCents);
  }

  @FieldResolver(() => Money, { description: 'Käytetty – confirmed charges minus refunds.' })
  async spent(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return Money.fromCents((await ctx.budgets.balance(budget)).spentCents);
  }

  @FieldResolver(() => Money, { description: 'Odottaa hyväksyntää – charges awaiting the client.' })
  async pending(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return Money.fromCents((await ctx.budgets.balance(budget)).pendingCents);
  }

  @FieldResolver(() => Money, { description: 'Jäljellä – granted − spent − pending − lapsed.' })
  async remaining(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return Money.fromCents((await ctx.budgets.balance(budget)).remainingCents);
  }

  @FieldResolver(() => Money, { description: 'Rauennut – written off at year end.' })
  async lapsed(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return Money.fromCents((await ctx.budgets.balance(budget)).lapsedCents);
  }

  @FieldResolver(() => Money, {
    nullable: true,
    description: 'The unit price the budget was decided with.',
  })
  unitPrice(@Root() budget: BudgetRow) {
    return budget.unitPriceCents === null ? null : Money.fromCents(budget.unitPriceCents);
  }

  @FieldResolver(() => [Instalment])
  async instalments(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return (await ctx.budgets.instalments(budget)).map((i) => ({
      dueDate: i.dueDate,
      amount: Money.fromCents(i.amountCents),
      paid: i.paid,
    }));
  }

  @FieldResolver(() => TransactionConnection)
  transactions(
    @Root() budget: BudgetRow,
    @Ctx() ctx: BudgetsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.budgets.transactions(budget, first, after);
  }

  @FieldResolver(() => [BudgetAlert], {
    description: 'Hälytykset: open and acknowledged ones; resolved ones too with includeResolved.',
  })
  alerts(
    @Root() budget: BudgetRow,
    @Ctx() ctx: BudgetsContext,
    @Arg('includeResolved', { defaultValue: false }) includeResolved: boolean,
  ) {
    return ctx.budgets.alerts(budget, includeResolved);
  }
}
