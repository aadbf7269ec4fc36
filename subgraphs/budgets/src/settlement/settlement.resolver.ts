import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, DateTimeScalar, Money } from '@hb/kit';
import type { BudgetsContext } from '../shared/context.types';
import { Provider, ServiceType, Transaction } from '../budget/budget.type';
import type { TransactionRow } from '../ledger/ledger.store';
import { Charge, PayeeKindEnum } from '../commitment/commitment.type';
import type { BatchStatus } from './domain/batching';
import type { PaymentBatchLineRow, PaymentBatchRow } from './settlement.store';
import {
  PaymentBatch,
  PaymentBatchConnection,
  PaymentBatchExportPayload,
  PaymentBatchLine,
  PaymentBatchPayload,
  PaymentBatchStatusEnum,
  RunSettlementInput,
  RunSettlementPayload,
} from './settlement.type';

/** Thin: every rule and authorization check is in SettlementService. */
@Resolver(() => PaymentBatch)
export class PaymentBatchResolver {
  @Query(() => PaymentBatchConnection, {
    description:
      'Maksuerät of a municipality (organiser staff of the municipality) or of a whole organiser’s runs (staff acting for the organiser), newest first. Exactly one of municipalityCode and organiserId.',
  })
  paymentBatches(
    @Ctx() ctx: BudgetsContext,
    @Arg('municipalityCode', () => ID, { nullable: true }) municipalityCode?: string,
    @Arg('organiserId', () => ID, { nullable: true }) organiserId?: string,
    @Arg('status', () => PaymentBatchStatusEnum, { nullable: true }) status?: BatchStatus,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.settlement.list({ municipalityCode, organiserId, status, first, after });
  }

  @Query(() => PaymentBatch, {
    nullable: true,
    description: 'One payment batch; null when unknown or not yours to read.',
  })
  paymentBatch(@Arg('id', () => ID) id: string, @Ctx() ctx: BudgetsContext) {
    return ctx.settlement.get(id);
  }

  @FieldResolver(() => String, {
    description: 'Maksuerän tunnus, e.g. HB-837-000042: the message id of the bank file.',
  })
  reference(@Root() batch: PaymentBatchRow, @Ctx() ctx: BudgetsContext) {
    return ctx.settlement.reference(batch);
  }

  @FieldResolver(() => Provider, {
    nullable: true,
    description:
      'Maksunsaaja (the provider); null when the batch pays a client (payeeKind CLIENT).',
  })
  payee(@Root() batch: PaymentBatchRow) {
    return batch.payeeProviderId ? { id: batch.payeeProviderId } : null;
  }

  @FieldResolver(() => PayeeKindEnum, {
    description:
      'PROVIDER, or CLIENT for financial support paid to the client (taloudellinen tuki).',
  })
  payeeKind(@Root() batch: PaymentBatchRow) {
    return batch.payeeProviderId ? 'PROVIDER' : 'CLIENT';
  }

  @FieldResolver(() => Money, { description: 'Yhteensä: the sum of the lines.' })
  total(@Root() batch: PaymentBatchRow) {
    return Money.fromCents(batch.totalCents);
  }

  @FieldResolver(() => [PaymentBatchLine])
  lines(@Root() batch: PaymentBatchRow, @Ctx() ctx: BudgetsContext) {
    return ctx.settlement.linesOf(batch);
  }

  @FieldResolver(() => String, {
    description:
      'The batch for the finance system: CSV with a BOM, semicolons, decimal comma and Finnish headers. Also at the gateway: GET /settlements/{id}/batch.csv.',
  })
  financeCsv(@Root() batch: PaymentBatchRow, @Ctx() ctx: BudgetsContext) {
    return ctx.settlement.financeCsv(batch);
  }

  @Mutation(() => RunSettlementPayload, {
    description:
      'Tilitysajo (organiser staff of the municipality, or acting for the whole organiser with organiserId): every confirmed, unsettled charge confirmed in the period goes into exactly one batch, one per payee. Running it again makes nothing new; errors VALIDATION, PERIOD_NOT_STARTED.',
  })
  runSettlement(
    @Arg('input', () => RunSettlementInput) input: RunSettlementInput,
    @Ctx() ctx: BudgetsContext,
  ) {
    return ctx.settlement.run(input);
  }

  @Mutation(() => PaymentBatchExportPayload, {
    description:
      "The batch's SEPA credit transfer file (pain.001.001.03) for the organiser's bank; CREATED → EXPORTED. Again gives the same payment under the same message id; errors MISSING_BANK_ACCOUNT, ALREADY_PAID, NOT_FOUND. Also at the gateway: GET /settlements/{id}/pain001.xml.",
  })
  exportPaymentBatch(@Arg('batchId', () => ID) batchId: string, @Ctx() ctx: BudgetsContext) {
    return ctx.settlement.export(batchId);
  }

  @Mutation(() => PaymentBatchPayload, {
    description:
      'Maksettu: the bank paid an exported batch (EXPORTED → PAID) on paidOn (default today); errors NOT_EXPORTED, ALREADY_PAID, VALIDATION, NOT_FOUND.',
  })
  markPaymentBatchPaid(
    @Arg('batchId', () => ID) batchId: string,
    @Ctx() ctx: BudgetsContext,
    @Arg('paidOn', () => DateScalar, { nullable: true }) paidOn?: string,
  ) {
    return ctx.settlement.markPaid(batchId, paidOn);
  }
}

@Resolver(() => PaymentBatchLine)
export class PaymentBatchLineResolver {
  @FieldResolver(() => Money)
  amount(@Root() line: PaymentBatchLineRow) {
    return Money.fromCents(line.amountCents);
  }

  @FieldResolver(() => ServiceType)
  serviceType(@Root() line: PaymentBatchLineRow) {
    return { code: line.serviceType };
  }

  @FieldResolver(() => ID, { description: 'The CHARGE transaction (veloitus).' })
  chargeId(@Root() line: PaymentBatchLineRow) {
    return line.transactionId;
  }
}

/** Settlement facts on a charge, for everyone who may see the charge itself. */
@Resolver(() => Transaction)
export class TransactionSettlementResolver {
  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: 'Tilitetty: when the charge went into a payment batch (charges only).',
  })
  async settledAt(@Root() tx: TransactionRow, @Ctx() ctx: BudgetsContext) {
    return (await ctx.settlement.settlementOf(tx.id))?.settledAt ?? null;
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: 'Maksettu: when its payment batch was marked paid.',
  })
  async paidAt(@Root() tx: TransactionRow, @Ctx() ctx: BudgetsContext) {
    return (await ctx.settlement.settlementOf(tx.id))?.paidAt ?? null;
  }

  @FieldResolver(() => PaymentBatch, {
    nullable: true,
    description: 'The payment batch, for organiser staff of its municipality; null for others.',
  })
  async paymentBatch(@Root() tx: TransactionRow, @Ctx() ctx: BudgetsContext) {
    const settled = await ctx.settlement.settlementOf(tx.id);
    return settled ? ctx.settlement.get(settled.batchId) : null;
  }
}

/** A provider sees on its own charges (`myCharges`) when they were settled and paid. */
@Resolver(() => Charge)
export class ChargeSettlementResolver {
  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: 'Tilitetty: when the organiser put the charge into a payment batch.',
  })
  async settledAt(@Root() charge: { id: string }, @Ctx() ctx: BudgetsContext) {
    return (await ctx.settlement.settlementOf(charge.id))?.settledAt ?? null;
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: 'Maksettu: when the organiser marked its payment batch paid.',
  })
  async paidAt(@Root() charge: { id: string }, @Ctx() ctx: BudgetsContext) {
    return (await ctx.settlement.settlementOf(charge.id))?.paidAt ?? null;
  }
}
