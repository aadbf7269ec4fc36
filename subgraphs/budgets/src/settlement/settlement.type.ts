import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, UserError, connectionOf, enumOf } from '@hb/kit';

export const PaymentBatchStatusEnum = enumOf(['CREATED', 'EXPORTED', 'PAID'] as const);
registerEnumType(PaymentBatchStatusEnum, {
  name: 'PaymentBatchStatus',
  description: 'Maksuerän tila.',
  valuesConfig: {
    CREATED: { description: 'Muodostettu – made by a settlement run, not yet sent to the bank' },
    EXPORTED: { description: 'Siirretty pankkiin – the pain.001 file was taken' },
    PAID: { description: 'Maksettu – the bank has paid it' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "Maksuerä – one payee's confirmed charges of a settlement run, paid with one credit transfer. Organiser staff of the municipality only; a whole organiser's batch, staff acting for that organiser only.",
})
export class PaymentBatch {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'Kunta (official code) whose budgets the charges are on; null for a whole organiser’s batch.',
  })
  municipalityCode!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Järjestäjä (e.g. pirkanmaa) whose municipalities’ charges the batch pays; null for a municipality’s batch.',
  })
  organiserId!: string | null;

  @Field(() => DateScalar, { description: 'Tilitysjakso alkaa: charges confirmed from this day.' })
  periodFrom!: string;

  @Field(() => DateScalar, { description: 'Tilitysjakso päättyy (inclusive).' })
  periodTo!: string;

  @Field(() => Int)
  lineCount!: number;

  @Field(() => PaymentBatchStatusEnum)
  status!: string;

  @Field(() => String, {
    nullable: true,
    description: "Maksunsaajan nimi as copied from the provider's register (null until known).",
  })
  payeeName!: string | null;

  @Field(() => String, { nullable: true, description: 'Y-tunnus of the payee.' })
  payeeBusinessId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The IBAN the batch is (or will be) paid to; fixed once exported.',
  })
  payeeIban!: string | null;

  @Field(() => String, { nullable: true })
  payeeBic!: string | null;

  @Field({ description: 'Who ran the settlement (subject of the token).' })
  createdBy!: string;

  @Field(() => DateTimeScalar, { description: 'Tilitetty: when the settlement made the batch.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'First export to the bank.' })
  exportedAt!: Date | null;

  @Field(() => Int, { description: 'How many times the bank file was taken.' })
  exportCount!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was marked paid.' })
  paidAt!: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Maksupäivä as the bank reports it.' })
  paidOn!: string | null;
}

@ObjectType({
  description:
    'Maksuerän rivi – one settled charge. No personal data: the charge id, service and amount.',
})
export class PaymentBatchLine {
  @Field(() => DateScalar)
  serviceDate!: string;

  @Field(() => DateTimeScalar, { description: 'When the client confirmed the charge.' })
  confirmedAt!: Date;
}

export const PaymentBatchConnection = connectionOf('PaymentBatch', PaymentBatch);

@InputType({
  description:
    'Tilitysajo: settle the confirmed charges of a period of one municipality, or of a whole organiser. Exactly one of municipalityCode and organiserId.',
})
export class RunSettlementInput {
  @Field(() => ID, { nullable: true, description: 'Kunta (official code), e.g. 837.' })
  municipalityCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Järjestäjä (e.g. pirkanmaa): all its municipalities at once, one batch per payee. Staff acting for the whole organiser only.',
  })
  organiserId?: string | null;

  @Field(() => DateScalar, { description: 'First day of confirmation (Finnish time).' })
  from!: string;

  @Field(() => DateScalar, {
    description: 'Last day of confirmation, inclusive; at most 366 days.',
  })
  to!: string;
}

@ObjectType()
export class RunSettlementPayload {
  @Field(() => [PaymentBatch], {
    description: 'Batches this run made, one per payee; empty when nothing was left to settle.',
  })
  batches!: PaymentBatch[];

  @Field(() => Int, { description: 'Charges settled by this run.' })
  chargeCount!: number;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType({ description: 'A bank file of one batch.' })
export class PaymentBatchExportPayload {
  @Field(() => PaymentBatch, { nullable: true })
  batch!: PaymentBatch | null;

  @Field(() => String, { nullable: true, description: 'e.g. HB-837-000042.pain001.xml' })
  fileName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 20022 pain.001.001.03 (SEPA credit transfer) XML, UTF-8.',
  })
  content!: string | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class PaymentBatchPayload {
  @Field(() => PaymentBatch, { nullable: true })
  batch!: PaymentBatch | null;

  @Field(() => [UserError])
  errors!: UserError[];
}
