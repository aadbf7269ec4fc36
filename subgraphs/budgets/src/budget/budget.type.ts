import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, Money, UserError, connectionOf, enumOf } from '@hb/kit';
import { DecisionDetailsInput } from '../decision/decision-details.input';

export const PricingBasisEnum = enumOf(['HOUR', 'DAY', 'KILOMETRE', 'YEAR'] as const);
registerEnumType(PricingBasisEnum, {
  name: 'PricingBasis',
  description: 'Hinnoitteluperuste – what one unit of the class value is.',
  valuesConfig: {
    HOUR: { description: 'Tunti' },
    DAY: { description: 'Päivä' },
    KILOMETRE: { description: 'Kilometri' },
    YEAR: { description: 'Vuosi (yksilöllinen vuosisumma)' },
  },
});

export const BudgetStatusEnum = enumOf(['DRAFT', 'DECIDED', 'ACTIVE', 'CLOSED', 'ENDED'] as const);
registerEnumType(BudgetStatusEnum, {
  name: 'BudgetStatus',
  valuesConfig: {
    DRAFT: { description: 'Luonnos' },
    DECIDED: { description: 'Päätetty, voimassa myöhemmin' },
    ACTIVE: { description: 'Käytössä' },
    CLOSED: { description: 'Suljettu vuoden lopussa' },
    ENDED: {
      description:
        'Päätetty kesken vuoden (endBudget): asiakas palaa tavanomaisiin palveluihin, jäljellä oleva osa rauennut',
    },
  },
});

export const PaymentInstrumentEnum = enumOf(['VOUCHER', 'CARD'] as const);
registerEnumType(PaymentInstrumentEnum, {
  name: 'PaymentInstrument',
  valuesConfig: {
    VOUCHER: { description: 'HB-seteli' },
    CARD: { description: 'HB-kortti (vain kuljetuspalvelut)' },
  },
});

export const TransactionKindEnum = enumOf([
  'GRANT',
  'INSTALMENT',
  'CHARGE',
  'REFUND',
  'ADJUSTMENT',
  'LAPSE',
  'EXPENSE',
] as const);
registerEnumType(TransactionKindEnum, {
  name: 'TransactionKind',
  valuesConfig: {
    GRANT: { description: 'Myönnetty budjetti' },
    INSTALMENT: { description: 'Maksettu erä' },
    CHARGE: { description: 'Palveluntuottajan veloitus' },
    REFUND: { description: 'Hyvitys' },
    ADJUSTMENT: { description: 'Uudelleenarvioinnin muutos' },
    LAPSE: { description: 'Vuoden lopussa raukeava osa' },
    EXPENSE: { description: 'Hyväksytty kulu (taloudellinen tuki asiakkaalle)' },
  },
});

export const TransactionStatusEnum = enumOf([
  'PENDING_CONFIRMATION',
  'CONFIRMED',
  'REJECTED',
] as const);
registerEnumType(TransactionStatusEnum, {
  name: 'TransactionStatus',
  valuesConfig: {
    PENDING_CONFIRMATION: { description: 'Odottaa asiakkaan hyväksyntää' },
    CONFIRMED: { description: 'Hyväksytty' },
    REJECTED: { description: 'Hylätty' },
  },
});

export const AlertKindEnum = enumOf([
  'UNDERUSE',
  'OVERUSE',
  'ABNORMAL_CHARGE',
  'YEAR_END_LAPSE_AHEAD',
] as const);
registerEnumType(AlertKindEnum, {
  name: 'AlertKind',
  valuesConfig: {
    UNDERUSE: { description: 'Budjettia käytetään selvästi vähemmän kuin vuotta on kulunut' },
    OVERUSE: { description: 'Budjettia käytetään selvästi nopeammin kuin vuosi kuluu' },
    ABNORMAL_CHARGE: { description: 'Poikkeava veloitus' },
    YEAR_END_LAPSE_AHEAD: { description: 'Käyttämätöntä rahaa on raukeamassa vuoden lopussa' },
  },
});

/** The clients subgraph owns clients; this subgraph adds their budgets. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Client {
  @Field(() => ID)
  id!: string;
}

/** The providers subgraph owns providers; a transaction only points at one. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Provider {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "code")')
@ObjectType({ description: 'Palvelu – a service that can be arranged with a personal budget.' })
export class ServiceType {
  @Field(() => ID, { description: 'DAY_ACTIVITIES, RESPITE_CARE, TRANSPORT, …' })
  code!: string;

  @Field({ description: 'Name in Finnish, e.g. "Päiväaikainen toiminta".' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Name in Swedish, e.g. "Dagverksamhet"; null where none is recorded.',
  })
  nameSv!: string | null;
}

@ObjectType({ description: 'HB-luokka – a class with its criteria and value in one municipality.' })
export class HbClass {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Class number; null for the individual class.' })
  level!: number | null;

  @Field({ description: 'Yksilöllinen HB: a professional sets the value.' })
  individual!: boolean;

  @Field(() => PricingBasisEnum)
  pricingBasis!: string;

  @Field(() => [String], { description: 'Kriteerit luokkaan kuulumiseksi.' })
  criteria!: string[];

  @Field(() => Int, { nullable: true })
  minAge!: number | null;

  @Field(() => Int, { nullable: true, description: 'Inclusive; 17 means "under 18".' })
  maxAge!: number | null;

  @Field(() => Int, { nullable: true })
  minKilometres!: number | null;

  @Field(() => Int, { nullable: true })
  maxKilometres!: number | null;

  @Field(() => Int, { description: 'The year the value (unitPrice) is given for.' })
  priceYear!: number;
}

@ObjectType({ description: 'Maksuerä – one instalment of the yearly budget.' })
export class Instalment {
  @Field(() => DateScalar)
  dueDate!: string;

  @Field(() => Money)
  amount!: Money;

  @Field()
  paid!: boolean;
}

@ObjectType({ description: 'Tapahtuma – an immutable entry of the budget ledger.' })
export class Transaction {
  @Field(() => ID)
  id!: string;

  @Field(() => TransactionKindEnum)
  kind!: string;

  @Field(() => TransactionStatusEnum)
  status!: string;

  @Field(() => DateScalar, { nullable: true })
  serviceDate!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Harkinnanvaraisuuden perustelu (non-approved provider).',
  })
  discretionaryReason!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the client rejected the charge.' })
  rejectionReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const TransactionConnection = connectionOf('Transaction', Transaction);

@ObjectType({ description: 'Hälytys – why a budget needs attention.' })
export class BudgetAlert {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertKindEnum)
  kind!: string;

  @Field({ description: 'Finnish explanation with the numbers behind it.' })
  message!: string;

  @Field(() => DateTimeScalar)
  raisedAt!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description: "Henkilökohtainen budjetti – a client's personal budget for one year and service.",
})
export class Budget {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => BudgetStatusEnum)
  status!: string;

  @Field(() => PaymentInstrumentEnum)
  instrument!: string;

  @Field(() => Int, { description: 'Maksuväli kuukausina (1–12).' })
  paymentIntervalMonths!: number;

  @Field({ description: 'How the amount was calculated, in Finnish.' })
  explanation!: string;

  @Field(() => Int, { description: 'Decision version: 1, then +1 for each re-assessment.' })
  version!: number;
}

@ObjectType({ description: 'One month of a calculated budget.' })
export class MonthAmount {
  @Field(() => Int)
  month!: number;

  @Field(() => Money)
  amount!: Money;
}

@ObjectType({ description: 'Budjettilaskelma – a preview, nothing is stored.' })
export class BudgetCalculation {
  @Field(() => Money)
  total!: Money;

  @Field(() => [MonthAmount])
  months!: MonthAmount[];

  @Field()
  explanation!: string;
}

@InputType({ description: 'A schedule and class to calculate a budget from.' })
export class BudgetCalculationInput {
  @Field(() => ID)
  serviceType!: string;

  @Field(() => ID)
  municipalityCode!: string;

  @Field(() => ID, { nullable: true, description: 'Default: the individual class of the service.' })
  hbClassId?: string | null;

  @Field(() => Int)
  year!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Individually set unit price, e.g. "160.00".',
  })
  unitPrice?: string | null;

  @Field(() => [Int], { nullable: true, description: '12 values, January first.' })
  monthlyUnits?: number[] | null;

  @Field(() => Int, { nullable: true })
  weeklyUnits?: number | null;

  @Field(() => Int, { nullable: true })
  weeks?: number | null;

  @Field(() => Int, { nullable: true })
  kilometres?: number | null;
}

@InputType({ description: 'Budjettipäätös – a decision, or a re-assessment of an existing one.' })
export class DecideBudgetInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => ID)
  serviceType!: string;

  @Field(() => ID)
  hbClassId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Only for the individual class or a class with no value yet.',
  })
  unitPrice?: string | null;

  @Field(() => [Int], { nullable: true })
  monthlyUnits?: number[] | null;

  @Field(() => Int, { nullable: true })
  weeklyUnits?: number | null;

  @Field(() => Int, { nullable: true })
  weeks?: number | null;

  @Field(() => Int, { nullable: true })
  kilometres?: number | null;

  @Field(() => Int)
  paymentIntervalMonths!: number;

  @Field(() => PaymentInstrumentEnum)
  instrument!: 'VOUCHER' | 'CARD';

  @Field(() => DecisionDetailsInput, {
    nullable: true,
    description:
      'What the decision (päätös) says beyond the amount: language, restrictions, ordinary part, fees.',
  })
  decision?: DecisionDetailsInput | null;
}

@ObjectType()
export class BudgetPayload {
  @Field(() => Budget, { nullable: true })
  budget!: Budget | null;

  @Field(() => Transaction, { nullable: true, description: 'The GRANT or ADJUSTMENT written.' })
  transaction!: Transaction | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class TransactionPayload {
  @Field(() => Transaction, { nullable: true })
  transaction!: Transaction | null;

  // `budget` is resolved in TransactionPayloadResolver, only when selected.

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class CloseYearPayload {
  @Field(() => ID)
  municipalityCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Budgets closed by this call (0 when run again).' })
  closedCount!: number;

  @Field(() => Money, { description: 'Raukeava määrä – returned to the organiser by this call.' })
  lapsed!: Money;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class HbClassPayload {
  @Field(() => HbClass, { nullable: true })
  hbClass!: HbClass | null;

  @Field(() => [UserError])
  errors!: UserError[];
}
