import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money } from '@hb/kit';
import type { BudgetsContext } from '../shared/context.types';
import { Budget, BudgetPayload } from '../budget/budget.type';
import type { BudgetRow } from '../budget/budget.store';
import type { DecisionRow } from './decision.store';
import {
  Appeal,
  AppealPayload,
  DecideAppealInput,
  Decision,
  EndBudgetInput,
  EndBudgetPayload,
  FileAppealInput,
} from './decision.type';

/** A stored decision as the schema shows it: the content snapshot, with the row's keys. */
export function toDecision(row: DecisionRow) {
  const c = row.content;
  return {
    ...row,
    row,
    language: row.language.toUpperCase(),
    legalBasis: c.legalBasis,
    serviceName: c.service.name,
    hbClass: c.hbClass,
    amount: Money.fromCents(c.amountCents),
    unitPrice: c.unitPriceCents === null ? null : Money.fromCents(c.unitPriceCents),
    calculation: c.calculation,
    instalments: c.instalments.map((i) => ({
      dueDate: i.dueDate,
      amount: Money.fromCents(i.amountCents),
    })),
    instrument: c.instrument,
    restrictions: c.restrictions,
    ordinaryPart: c.ordinaryPart,
    clientFees: c.clientFees,
    appealDeadline: c.appealDeadline,
    ending: c.ending
      ? {
          endDate: c.ending.endDate,
          reason: c.ending.reason,
          lapsed: Money.fromCents(c.ending.lapsedCents),
          cancelledCommitments: c.ending.cancelledCommitments,
        }
      : null,
  };
}

type DecisionView = ReturnType<typeof toDecision>;

/** The gateway's download route of a decision's PDF (gateway/src/decision-document.ts). */
export const decisionDocumentPath = (id: string) => `/decisions/${id}/document.pdf`;

/**
 * Thin: authorization and rules live in decision.service.ts, decision-appeal.service.ts and
 * budget-end.service.ts.
 */
@Resolver(() => Decision)
export class DecisionResolver {
  @Query(() => Decision, {
    nullable: true,
    description: 'Yksi päätös; null both for an unknown one and one the caller may not read.',
  })
  async decision(@Arg('id', () => ID) id: string, @Ctx() ctx: BudgetsContext) {
    const row = await ctx.budgets.decisions.get(id);
    return row ? toDecision(row) : null;
  }

  @Mutation(() => EndBudgetPayload, {
    description:
      'HB:n päättäminen kesken vuoden: a decision; commitments cancel, the remainder lapses to the organiser once.',
  })
  async endBudget(
    @Arg('budgetId', () => ID) budgetId: string,
    @Arg('input', () => EndBudgetInput) input: EndBudgetInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    const r = await ctx.endings.endBudget(budgetId, input);
    return {
      ...r,
      decision: r.decision ? toDecision(r.decision) : null,
      lapsed: r.budget ? Money.fromCents(r.lapsedCents) : null,
    };
  }

  @Mutation(() => AppealPayload, {
    description:
      'Oikaisuvaatimus: the client (or a team member with her consent) appeals a decision.',
  })
  fileAppeal(
    @Arg('decisionId', () => ID) decisionId: string,
    @Arg('input', () => FileAppealInput) input: FileAppealInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.appeals.file(decisionId, input);
  }

  @Mutation(() => AppealPayload, {
    description: "Staff of the client's municipality take an appeal into handling.",
  })
  startAppealHandling(
    @Arg('appealId', () => ID) appealId: string,
    @Arg('note') note: string,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.appeals.startHandling(appealId, note);
  }

  @Mutation(() => AppealPayload, {
    description: "Staff of the client's municipality record the appeal's outcome.",
  })
  decideAppeal(
    @Arg('appealId', () => ID) appealId: string,
    @Arg('input', () => DecideAppealInput) input: DecideAppealInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.appeals.decide(appealId, input);
  }

  @FieldResolver(() => Budget)
  budget(@Root() d: DecisionView, @Ctx() ctx: BudgetsContext) {
    return ctx.loaders.budget.load(d.budgetId);
  }

  @FieldResolver(() => Decision, { nullable: true, description: 'The decision this one replaced.' })
  async previous(@Root() d: DecisionView, @Ctx() ctx: BudgetsContext) {
    const row = await ctx.budgets.decisions.previous(d.row);
    return row ? toDecision(row) : null;
  }

  @FieldResolver(() => String, { description: 'URL of the PDF at the gateway (bearer token).' })
  document(@Root() d: DecisionView) {
    return decisionDocumentPath(d.id);
  }

  @FieldResolver(() => String, { description: 'The archived PDF, base64 (for the download).' })
  documentContent(@Root() d: DecisionView, @Ctx() ctx: BudgetsContext) {
    return ctx.budgets.decisions.documentBase64(d.row);
  }

  @FieldResolver(() => [Appeal])
  appeals(@Root() d: DecisionView, @Ctx() ctx: BudgetsContext) {
    return ctx.appeals.ofDecision(d.row);
  }
}

/** `Budget.decisions`, oldest first. */
@Resolver(() => Budget)
export class BudgetDecisionsResolver {
  @FieldResolver(() => [Decision], { description: 'Päätökset, oldest version first.' })
  async decisions(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return (await ctx.budgets.decisions.forBudget(budget)).map(toDecision);
  }
}

/** `_entities` for Decision: the same rule as `decision(id)` (null for unknown and foreign). */
export const decisionReferenceResolvers = {
  Decision: {
    __resolveReference: async (ref: { id: string }, ctx: BudgetsContext) => {
      const row = await ctx.budgets.decisions.get(ref.id);
      return row ? toDecision(row) : null;
    },
  },
};

/** `BudgetPayload.decision`: the decision a `decideBudget` recorded. */
@Resolver(() => BudgetPayload)
export class BudgetPayloadDecisionResolver {
  @FieldResolver(() => Decision, { nullable: true, description: 'The decision recorded.' })
  decision(@Root() payload: { decision?: DecisionRow | null }) {
    return payload.decision ? toDecision(payload.decision) : null;
  }
}
