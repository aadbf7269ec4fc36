import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError, enumOf } from '@hb/kit';
import { PRICE_UNITS, type PriceUnit } from './catalogue';

/** GraphQL types of a provider's offerings: the services it lists, with their prices. */

export const PricingBasisEnum = enumOf(PRICE_UNITS);
registerEnumType(PricingBasisEnum, {
  name: 'PricingBasis',
  description: 'Hinnoitteluperuste.',
  valuesConfig: {
    HOUR: { description: 'Tunti' },
    DAY: { description: 'Päivä' },
    KILOMETRE: { description: 'Kilometri' },
    YEAR: { description: 'Vuosi' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Palvelutarjous – a service a provider offers, with its price.' })
export class Offering {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => PricingBasisEnum, {
    description: 'Hinnoitteluperuste: per hour, day, kilometre or year.',
  })
  priceUnit!: PriceUnit;

  @Field(() => [Int], {
    name: 'suitableClassLevels',
    description: 'HB-luokat, joille palvelu sopii (HB class levels it suits).',
  })
  classLevels!: number[];

  @Field({
    description:
      'Odottaa järjestäjän hyväksyntää: a new service type of an approved provider, not in the catalogue until the organiser approves it.',
  })
  awaitingApproval!: boolean;

  // Resolved by field resolvers.
  providerId!: string;
  serviceType!: string;
  priceCents!: number;
}

@InputType({ description: 'Palvelutarjous: uusi (ilman id:tä) tai muutos.' })
export class OfferingInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The offering to change; omit to add a new one.',
  })
  id?: string | null;

  @Field(() => ID, {
    description:
      'DAY_ACTIVITIES, RESPITE_CARE, TRANSPORT, PERSONAL_ASSISTANCE, HOUSING, WORK_AND_DAY_ACTIVITY or FAMILY_SERVICES.',
  })
  serviceType!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field({ description: 'Hinta euroina, e.g. "160.00"; more than zero.' })
  price!: string;

  @Field(() => PricingBasisEnum)
  priceUnit!: PriceUnit;

  @Field(() => [Int], { nullable: true, description: 'HB class levels (1–7) it suits.' })
  suitableClassLevels?: number[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False withdraws the offering from the catalogue. Default true.',
  })
  active?: boolean | null;
}

@ObjectType()
export class OfferingPayload {
  @Field(() => Offering, { nullable: true })
  offering!: Offering | null;

  @Field(() => [UserError])
  errors!: UserError[];
}
