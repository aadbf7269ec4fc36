import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Money } from '@hb/kit';
import type { BudgetsContext } from '../shared/context.types';
import type { BudgetRow } from '../budget/budget.store';
import { Budget, Provider, ServiceType, Transaction } from '../budget/budget.type';
import type { ProviderChargeRow, TransactionRow } from '../ledger/ledger.store';
import type { ChargeStatus, CommitmentStatus } from '../domain';
import { CommitmentService } from './commitment.service';
import type { CommitmentRow } from './commitment.store';
import {
  Charge,
  ChargeConnection,
  ChargeStatusEnum,
  CommitmentPayload,
  CommitmentStatusEnum,
  IssueCommitmentInput,
  Offering,
  PaymentCommitment,
  PaymentCommitmentConnection,
  PlanCommitmentsPayload,
} from './commitment.type';

/** Thin: rules and authorization are in CommitmentService and commitment.policy. */
@Resolver(() => PaymentCommitment)
export class CommitmentResolver {
  @Query(() => PaymentCommitmentConnection, {
    description: 'Palveluntuottajan omat maksusitoumukset (provider users only), newest first.',
  })
  myCommitments(
    @Ctx() ctx: BudgetsContext,
    @Arg('status', () => [CommitmentStatusEnum], { nullable: true }) status?: CommitmentStatus[],
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.commitments.mine(status, first, after);
  }

  @Query(() => ChargeConnection, {
    description: 'Palveluntuottajan omat veloitukset ja niiden tila (provider users only).',
  })
  myCharges(
    @Ctx() ctx: BudgetsContext,
    @Arg('status', () => ChargeStatusEnum, { nullable: true }) status?: ChargeStatus,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.commitments.myCharges(status, first, after);
  }

  @Mutation(() => CommitmentPayload, {
    description: 'Maksusitoumus: the own worker or HB adviser sets money aside for a payee.',
  })
  issueCommitment(
    @Arg('input', () => IssueCommitmentInput) input: IssueCommitmentInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.commitments.issue(input);
  }

  @Mutation(() => PlanCommitmentsPayload, {
    description:
      'Maksusitoumukset hyväksytyn toteutussuunnitelman kohdennuksista; a new plan version ' +
      'adjusts or replaces the earlier version’s commitments.',
  })
  issuePlanCommitments(@Arg('planId', () => ID) planId: string, @Ctx() ctx: BudgetsContext) {
    return ctx.planCommitments.issue(planId);
  }

  @Mutation(() => CommitmentPayload, {
    description: 'Perutaan maksusitoumus; charges already recorded on it stay.',
  })
  cancelCommitment(
    @Arg('commitmentId', () => ID) commitmentId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.commitments.cancel(commitmentId, reason);
  }

  @FieldResolver(() => Budget, {
    nullable: true,
    description: 'Null for the payee provider: it does not read the budget.',
  })
  budget(@Root() c: CommitmentRow, @Ctx() ctx: BudgetsContext) {
    return ctx.commitments.visibleBudget(c);
  }

  @FieldResolver(() => Provider, { nullable: true, description: 'Null when the client is paid.' })
  provider(@Root() c: CommitmentRow) {
    return c.providerId ? { id: c.providerId } : null;
  }

  @FieldResolver(() => Offering, { nullable: true })
  offering(@Root() c: CommitmentRow) {
    return c.offeringId ? { id: c.offeringId } : null;
  }

  @FieldResolver(() => ServiceType)
  serviceType(@Root() c: CommitmentRow, @Ctx() ctx: BudgetsContext) {
    return ctx.loaders.serviceType.load(c.serviceTypeCode);
  }

  @FieldResolver(() => Money, { description: 'Sitoumuksen määrä.' })
  amount(@Root() c: CommitmentRow) {
    return Money.fromCents(c.amountCents);
  }

  @FieldResolver(() => Money, { description: 'Veloitettu – pending and confirmed charges.' })
  charged(@Root() c: CommitmentRow) {
    return Money.fromCents(c.chargedCents);
  }

  @FieldResolver(() => Money, {
    description: 'Jäljellä – what charges may still draw (0 unless active).',
  })
  remaining(@Root() c: CommitmentRow) {
    return CommitmentService.remaining(c);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Peruste (null for the provider).' })
  reason(@Root() c: CommitmentRow, @Ctx() ctx: BudgetsContext) {
    return ctx.commitments.seesClientDetails() ? c.reason : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Harkinnanvarainen peruste, recorded by staff (null for the provider).',
  })
  discretionaryReason(@Root() c: CommitmentRow, @Ctx() ctx: BudgetsContext) {
    return ctx.commitments.seesClientDetails() ? c.discretionaryReason : null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'Who issued it (null for the provider).',
  })
  issuedBy(@Root() c: CommitmentRow, @Ctx() ctx: BudgetsContext) {
    return ctx.commitments.seesClientDetails() ? c.issuedBy : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why it was cancelled or expired.' })
  endReason(@Root() c: CommitmentRow) {
    return c.endReason;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The plan version it was issued from.' })
  planId(@Root() c: CommitmentRow, @Ctx() ctx: BudgetsContext) {
    return ctx.commitments.seesClientDetails() ? c.planId : null;
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description: 'Kohdennus: the plan allocation it carries out (Allocation.id).',
  })
  allocationId(@Root() c: CommitmentRow, @Ctx() ctx: BudgetsContext) {
    return ctx.commitments.seesClientDetails() ? c.allocationId : null;
  }
}

@Resolver(() => Charge)
export class ChargeResolver {
  @FieldResolver(() => Money)
  amount(@Root() r: ProviderChargeRow) {
    return Money.fromCents(r.amountCents);
  }

  @FieldResolver(() => ChargeStatusEnum)
  status(@Root() r: ProviderChargeRow & { chargeStatus: ChargeStatus }) {
    return r.chargeStatus;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why the client disputed the charge.',
  })
  disputeReason(@Root() r: ProviderChargeRow) {
    return r.status === 'REJECTED' ? r.rejectionReason : null;
  }

  @FieldResolver(() => PaymentCommitment, { nullable: true })
  commitment(@Root() r: ProviderChargeRow, @Ctx() ctx: BudgetsContext) {
    return r.commitmentId ? ctx.loaders.commitment.load(r.commitmentId) : null;
  }
}

@Resolver(() => Transaction)
export class TransactionCommitmentResolver {
  @FieldResolver(() => PaymentCommitment, {
    nullable: true,
    description: 'The commitment a charge drew on.',
  })
  commitment(@Root() tx: TransactionRow, @Ctx() ctx: BudgetsContext) {
    return tx.commitmentId ? ctx.loaders.commitment.load(tx.commitmentId) : null;
  }
}

@Resolver(() => Budget)
export class BudgetCommitmentsResolver {
  @FieldResolver(() => [PaymentCommitment], { description: 'Maksusitoumukset, oldest first.' })
  commitments(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return ctx.commitments.forBudget(budget);
  }

  @FieldResolver(() => Money, {
    description:
      'Sidottu – what commitments hold: active ones in full, ended ones what was charged.',
  })
  async committed(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return Money.fromCents((await ctx.budgets.balance(budget)).committedCents);
  }

  @FieldResolver(() => Money, {
    description: 'Sitomaton – what can still be committed.',
  })
  async uncommitted(@Root() budget: BudgetRow, @Ctx() ctx: BudgetsContext) {
    return Money.fromCents(
      await ctx.commitments.uncommitted(budget, await ctx.budgets.balance(budget)),
    );
  }
}
