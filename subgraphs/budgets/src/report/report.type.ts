import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Money } from '@hb/kit';
import { AlertKindEnum, Provider, ServiceType } from '../budget/budget.type';

/**
 * Raportti – the organiser's yearly report of the HB arrangement in one municipality. This
 * subgraph owns it and gives the money figures; the clients and plans subgraphs add their own
 * fields through their reference resolvers. A row describing 1–4 clients is hidden (its figures
 * null, `suppressed: true`: pieni ryhmä – small-group suppression), and so are the further rows
 * that would let it be computed back from a total (complementary suppression).
 */
@Directive('@key(fields: "municipalityCode year")')
@ObjectType({ description: 'Järjestäjän raportti – yearly management report of one municipality.' })
export class Report {
  @Field(() => ID)
  municipalityCode!: string;

  @Field(() => Int)
  year!: number;
}

@ObjectType({
  description:
    'Vuosikustannus palveluittain – yearly cost of one service type, or of all (serviceType null).',
})
export class ReportCost {
  @Field(() => ServiceType, { nullable: true, description: 'Null on the total row.' })
  serviceType!: { code: string } | null;

  @Field({
    description:
      'True when the row describes 1–4 clients, or would give such a row back by subtraction from the total: every figure is null.',
  })
  suppressed!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Distinct HB clients with a budget of this service.',
  })
  clientCount!: number | null;

  @Field(() => Int, { nullable: true })
  budgetCount!: number | null;

  @Field(() => Money, { nullable: true, description: 'Myönnetty (with re-assessments).' })
  granted!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Maksettu erinä.' })
  paidOut!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Käytetty: confirmed charges.' })
  spent!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Charges awaiting the client’s confirmation.',
  })
  pending!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Rauennut vuoden lopussa.' })
  lapsed!: Money | null;
}

@ObjectType({
  description: 'Palveluntuottajan asiakkaat ja rahat – clients and money of one provider.',
})
export class ReportProvider {
  @Field(() => Provider)
  provider!: { id: string };

  @Field({
    description:
      'True when the provider had 1–4 clients, or its money would give such a provider’s back by subtraction from the total: every figure is null.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true })
  clientCount!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Charges that are confirmed or pending (not rejected).',
  })
  chargeCount!: number | null;

  @Field(() => Money, { nullable: true, description: 'Confirmed charges.' })
  spent!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Charges awaiting confirmation.' })
  pending!: Money | null;
}

@ObjectType({
  description: 'Avoimet hälytykset lajeittain – open alerts (of budgets not closed) by kind.',
})
export class ReportAlert {
  @Field(() => AlertKindEnum)
  kind!: string;

  @Field({ description: 'True when the alerts concern 1–4 clients: the counts are null.' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field(() => Int, { nullable: true })
  clientCount!: number | null;
}

@ObjectType({
  description:
    'Ennuste vuoden lopussa raukeavasta – the forecast of what will lapse at year end, made during the year. Method: the year-to-date pace — each open (decided or active) budget is expected to use money for the rest of the year at the pace of its charges so far (confirmed and pending) since 1 January, never more than it has left; an ended or closed budget uses nothing more. lapsing = granted − spent − pending − projected (what has lapsed already included). Hidden with the total row (the same small-group rules).',
})
export class ReportForecast {
  @Field({ description: 'The day the forecast is made for: today, or 31 December of a past year.' })
  asOf!: string;

  @Field({ description: 'True when the figures are hidden (small group or to protect one).' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Distinct HB clients behind the figures.' })
  clientCount!: number | null;

  @Field(() => Money, { nullable: true, description: 'Myönnetty (with re-assessments).' })
  granted!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Käytetty: confirmed charges.' })
  spent!: Money | null;

  @Field(() => Money, { nullable: true, description: 'Charges awaiting confirmation.' })
  pending!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Arvioitu käyttö loppuvuonna: expected further use at the year-to-date pace.',
  })
  projected!: Money | null;

  @Field(() => Money, {
    nullable: true,
    description: 'Arvioitu raukeava: expected to lapse at year end.',
  })
  lapsing!: Money | null;
}

@ObjectType({
  description:
    'Kustannukset asiakasryhmittäin – yearly cost of one client group: the clients placed in one HB class of a service type. The groups of a service add up to its ReportCost row, and are suppressed with it in mind (small groups and what would give them back).',
})
export class ReportGroupCost extends ReportCost {
  @Field(() => Int, {
    nullable: true,
    description: 'The HB class number; null for the individual class or a budget without one.',
  })
  classLevel!: number | null;

  @Field({ description: 'Yksilöllinen HB: the value was set by a professional, not by a class.' })
  individual!: boolean;
}

/**
 * Internal (not in the public API): who is in each client group of the report, so that the
 * plans subgraph can put goal attainment beside the group's cost (`Report.goalsByGroup`,
 * @requires). Only the gateway passes it on, between the services.
 */
@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType()
export class ReportGroupMembers {
  @Field()
  serviceTypeCode!: string;

  @Field(() => Int, { nullable: true })
  classLevel!: number | null;

  @Field()
  individual!: boolean;

  @Field({ description: 'The group’s cost row is hidden in this report.' })
  costSuppressed!: boolean;

  @Field(() => [ID])
  clientIds!: string[];
}
