import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money } from '@hb/kit';
import type { BudgetsContext } from '../shared/context.types';
import { Budget } from '../budget/budget.type';
import type { BudgetRow } from '../budget/budget.store';
import { PaymentCommitment } from '../commitment/commitment.type';
import type { ExpenseRow } from './expense.store';
import { Expense, ExpensePayload, ExpenseReceipt, SubmitExpenseInput } from './expense.type';

/** Thin: rules and authorization are in ExpenseService and expense.policy. */
@Resolver(() => Expense)
export class ExpenseResolver {
  @Query(() => Expense, {
    nullable: true,
    description: 'One expense; null when unknown or not yours to read.',
  })
  expense(@Arg('id', () => ID) id: string, @Ctx() ctx: BudgetsContext) {
    return ctx.expenses.get(id);
  }

  @Mutation(() => ExpensePayload, {
    description:
      'Kulu (taloudellinen tuki): the client, or her team member with budget consent, submits an expense with its receipt on a commitment payable to the client. Errors VALIDATION, RECEIPT_EMPTY, RECEIPT_TOO_LARGE, RECEIPT_TYPE, NO_COMMITMENT, OVER_COMMITMENT, OUTSIDE_VALIDITY, BUDGET_NOT_ACTIVE.',
  })
  submitExpense(
    @Arg('input', () => SubmitExpenseInput) input: SubmitExpenseInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.expenses.submit(input);
  }

  @Mutation(() => ExpensePayload, {
    description:
      "The client's own worker or HB adviser approves (drawn on the commitment, paid at the next settlement) or rejects (reason required) an expense, once. Errors NOT_FOUND, NOT_PENDING, VALIDATION, OVER_COMMITMENT, OUTSIDE_VALIDITY, BUDGET_NOT_ACTIVE, NO_COMMITMENT.",
  })
  decideExpense(
    @Arg('expenseId', () => ID) expenseId: string,
    @Arg('approve') approve: boolean,
    @Ctx() ctx: BudgetsContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return ctx.expenses.decide(expenseId, approve, reason);
  }

  @FieldResolver(() => Money)
  amount(@Root() row: ExpenseRow) {
    return Money.fromCents(row.amountCents);
  }

  @FieldResolver(() => PaymentCommitment, { nullable: true })
  commitment(@Root() row: ExpenseRow, @Ctx() ctx: BudgetsContext) {
    return ctx.commitments.get(row.commitmentId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Tilinumero the expense is paid to: the client herself and staff only (else null).',
  })
  iban(@Root() row: ExpenseRow, @Ctx() ctx: BudgetsContext) {
    return ctx.expenses.account(row)?.iban ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Tilinomistaja: the client herself and staff only (else null).',
  })
  accountHolder(@Root() row: ExpenseRow, @Ctx() ctx: BudgetsContext) {
    return ctx.expenses.account(row)?.holder ?? null;
  }

  @FieldResolver(() => ExpenseReceipt, {
    nullable: true,
    description: 'The receipt file itself; each read is access-logged.',
  })
  receipt(@Root() row: ExpenseRow, @Ctx() ctx: BudgetsContext) {
    return ctx.expenses.receipt(row);
  }
}

@Resolver(() => Budget)
export class BudgetExpensesResolver {
  @FieldResolver(() => [Expense], {
    description:
      'Kulut (taloudellinen tuki), newest first: to the client, her team member with budget consent and her own staff; empty to others.',
  })
  expenses(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return ctx.expenses.ofBudget(budget);
  }
}

@Resolver(() => PaymentCommitment)
export class CommitmentExpensesResolver {
  @FieldResolver(() => [Expense], {
    description:
      'Expenses submitted on a commitment to the client; empty to those who may not read them.',
  })
  async expenses(@Root() c: { id: string; budgetId: string }, @Ctx() ctx: BudgetsContext) {
    const budget = await ctx.loaders.budget.load(c.budgetId);
    if (!budget) return [];
    return (await ctx.expenses.ofBudget(budget)).filter((e) => e.commitmentId === c.id);
  }
}
