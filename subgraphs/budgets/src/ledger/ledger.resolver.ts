import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Money } from '@hb/kit';
import type { BudgetsContext } from '../shared/context.types';
import {
  Budget,
  CloseYearPayload,
  Provider,
  Transaction,
  TransactionPayload,
} from '../budget/budget.type';
import { RecordChargeInput } from './ledger.type';
import type { TransactionRow } from './ledger.store';
import type { TxResult } from './tx-result';

@Resolver(() => Transaction)
export class LedgerResolver {
  @FieldResolver(() => Money, { description: 'Positive, except a negative ADJUSTMENT.' })
  amount(@Root() tx: TransactionRow) {
    return Money.fromCents(tx.amountCents);
  }

  @FieldResolver(() => Provider, { nullable: true })
  provider(@Root() tx: TransactionRow) {
    return tx.providerId ? { id: tx.providerId } : null;
  }

  @Mutation(() => TransactionPayload, {
    description: 'Palveluntuottajan veloitus; pending until the client confirms.',
  })
  recordCharge(
    @Arg('input', () => RecordChargeInput) input: RecordChargeInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.ledger.recordCharge(input);
  }

  @Mutation(() => TransactionPayload, { description: 'Asiakas hyväksyy veloituksen.' })
  confirmCharge(@Arg('transactionId', () => ID) transactionId: string, @Ctx() ctx: BudgetsContext) {
    return ctx.ledger.confirm(transactionId);
  }

  @Mutation(() => TransactionPayload, { description: 'Asiakas hylkää veloituksen perustellen.' })
  rejectCharge(
    @Arg('transactionId', () => ID) transactionId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.ledger.reject(transactionId, reason);
  }

  @Mutation(() => CloseYearPayload, {
    description: 'Vuoden päättäminen: closes open budgets, unused money lapses.',
  })
  closeYear(
    @Arg('municipalityCode', () => ID) municipalityCode: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.yearEnd.closeYear(municipalityCode, year);
  }
}

@Resolver(() => TransactionPayload)
export class TransactionPayloadResolver {
  @FieldResolver(() => Budget, {
    nullable: true,
    description: 'Null when the caller may not read the budget (providers).',
  })
  budget(@Root() result: TxResult, @Ctx() ctx: BudgetsContext) {
    return result.budgetId ? ctx.ledger.visibleBudget(result.budgetId) : null;
  }
}
