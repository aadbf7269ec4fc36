import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, UserError, connectionOf, enumOf } from '@hb/kit';

export const CommitmentStatusEnum = enumOf(['ACTIVE', 'CANCELLED', 'USED_UP', 'EXPIRED'] as const);
registerEnumType(CommitmentStatusEnum, {
  name: 'CommitmentStatus',
  description: 'Maksusitoumuksen tila.',
  valuesConfig: {
    ACTIVE: { description: 'Voimassa – charges may draw on it.' },
    CANCELLED: { description: 'Peruttu – what was charged stays, the rest is released.' },
    USED_UP: { description: 'Käytetty loppuun – charges reached the amount.' },
    EXPIRED: { description: 'Päättynyt – the budget year was closed.' },
  },
});

export const PayeeKindEnum = enumOf(['PROVIDER', 'CLIENT'] as const);
registerEnumType(PayeeKindEnum, {
  name: 'PayeeKind',
  description: 'Kenelle maksetaan.',
  valuesConfig: {
    PROVIDER: { description: 'Palveluntuottaja' },
    CLIENT: { description: 'Asiakas itse (taloudellinen tuki)' },
  },
});

export const ChargeStatusEnum = enumOf(['PENDING', 'CONFIRMED', 'DISPUTED'] as const);
registerEnumType(ChargeStatusEnum, {
  name: 'ChargeStatus',
  description: 'Veloituksen tila palveluntuottajan näkökulmasta.',
  valuesConfig: {
    PENDING: { description: 'Odottaa asiakkaan hyväksyntää' },
    CONFIRMED: { description: 'Asiakas hyväksyi' },
    DISPUTED: { description: 'Asiakas kiisti (hylkäsi) perustellen; ei makseta' },
  },
});

/** The providers subgraph owns offerings; a commitment only points at one. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Offering {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'Maksusitoumus – money of a budget set aside for one payee, service and period; a provider ' +
    'charges only against a commitment it holds. Its payee provider sees the client’s first ' +
    'name and the budget year, not the budget.',
})
export class PaymentCommitment {
  @Field(() => ID)
  id!: string;

  @Field(() => PayeeKindEnum)
  payeeKind!: string;

  @Field(() => CommitmentStatusEnum)
  status!: string;

  @Field(() => DateScalar, { description: 'Voimassa alkaen.' })
  validFrom!: string;

  @Field(() => DateScalar, { description: 'Voimassa asti (within the budget year).' })
  validTo!: string;

  @Field(() => Int, { description: 'Budjettivuosi.' })
  budgetYear!: number;

  @Field({ description: 'Asiakkaan etunimi – all a provider sees of the client.' })
  clientFirstName!: string;

  @Field(() => DateTimeScalar)
  issuedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was cancelled or expired.' })
  endedAt!: Date | null;
}

export const PaymentCommitmentConnection = connectionOf('PaymentCommitment', PaymentCommitment);

@ObjectType({ description: 'Veloitus – a provider’s charge as the provider sees it.' })
export class Charge {
  @Field(() => ID, { description: 'The ledger transaction id (Transaction.id).' })
  id!: string;

  @Field(() => DateScalar)
  serviceDate!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, { description: 'Budjettivuosi.' })
  budgetYear!: number;

  @Field(() => String, { nullable: true, description: 'Asiakkaan etunimi.' })
  clientFirstName!: string | null;

  @Field(() => DateTimeScalar, { description: 'Kirjattu.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the client confirmed or disputed it.',
  })
  resolvedAt!: Date | null;
}

export const ChargeConnection = connectionOf('Charge', Charge);

@InputType({ description: 'Maksusitoumuksen antaminen.' })
export class IssueCommitmentInput {
  @Field(() => ID)
  budgetId!: string;

  @Field(() => PayeeKindEnum, {
    nullable: true,
    description: 'PROVIDER (default), or CLIENT for financial support (taloudellinen tuki).',
  })
  payeeKind?: 'PROVIDER' | 'CLIENT' | null;

  @Field(() => ID, { nullable: true, description: 'Required when the payee is a provider.' })
  providerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One of the provider’s offerings.' })
  offeringId?: string | null;

  @Field({ description: 'Decimal euros, e.g. "2400.00".' })
  amount!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Default: the start of the budget year.',
  })
  validFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Default: the end of the budget year.' })
  validTo?: string | null;

  @Field({ description: 'Peruste – why the commitment is given.' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Harkinnanvarainen peruste: required for a provider that is not approved, does not serve ' +
      'the client’s municipality or does not offer the service.',
  })
  discretionaryReason?: string | null;
}

@ObjectType()
export class CommitmentPayload {
  @Field(() => PaymentCommitment, { nullable: true })
  commitment!: PaymentCommitment | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class PlanCommitmentsPayload {
  @Field(() => [PaymentCommitment], {
    description: 'The plan’s commitments in force after the call (issued, kept or adjusted).',
  })
  commitments!: PaymentCommitment[];

  @Field(() => Int, { description: 'Commitments of earlier plan versions cancelled by the call.' })
  cancelledCount!: number;

  @Field(() => [UserError])
  errors!: UserError[];
}
