import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ServiceType } from '../external/external.types';

export const ReportFeedbackTargetEnum = {
  PLAN: 'PLAN',
  PROVIDER: 'PROVIDER',
  GENERAL: 'GENERAL',
} as const;
registerEnumType(ReportFeedbackTargetEnum, {
  name: 'ReportFeedbackTarget',
  valuesConfig: {
    PLAN: { description: 'Palaute suunnitelmasta' },
    PROVIDER: { description: 'Palaute palveluntuottajasta' },
    GENERAL: { description: 'Yleinen palaute' },
  },
});

/** Raportti – owned by the budgets subgraph; this subgraph adds switches, goals and feedback. */
/** Internal: who is in each client group (from the budgets subgraph, for goalsByGroup). */
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

  @Field()
  costSuppressed!: boolean;

  @Field(() => [ID])
  clientIds!: string[];
}

@Directive('@key(fields: "municipalityCode year")')
@ObjectType({ description: 'Järjestäjän raportti – owned by the budgets subgraph.' })
export class Report {
  @Field(() => ID)
  municipalityCode!: string;

  @Field(() => Int)
  year!: number;

  @Directive('@external')
  @Field(() => [ReportGroupMembers])
  groupMembers?: ReportGroupMembers[];
}

@ObjectType({
  description:
    'Tavoitteiden toteutuminen asiakasryhmittäin – goal attainment of one client group (service type and HB class), to read beside its cost (Report.costsByGroup).',
})
export class ReportGroupGoals {
  @Field(() => ServiceType)
  serviceType!: { code: string };

  @Field(() => Int, { nullable: true, description: 'The HB class number, as in costsByGroup.' })
  classLevel!: number | null;

  @Field({ description: 'Yksilöllinen HB, as in costsByGroup.' })
  individual!: boolean;

  @Field({
    description:
      'True when the figures are hidden: fewer than five clients with goals, the group’s cost row hidden, or to protect another group.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Clients of the group with goals.' })
  clientCount!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Average latest attainment (0–100) of the group’s reviewed goals.',
  })
  averageAttainment!: number | null;
}

@ObjectType({
  description: 'Vaihdon syy – one reason for switching provider, with how often it was given.',
})
export class ReportSwitchReason {
  @Field(() => String, {
    nullable: true,
    description:
      'The reason as written alike by five or more clients (case and spacing ignored when grouping); null on the row merging the rarer reasons, whose texts are never shown.',
  })
  reason!: string | null;

  @Field({
    description:
      'True when the counts are null: the row describes 1–4 clients, or would give such a row back by subtraction from the total.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field(() => Int, { nullable: true })
  clientCount!: number | null;
}

@ObjectType({
  description: 'Palveluntuottajan vaihdot – provider switches in the plans of the year.',
})
export class ReportSwitches {
  @Field({
    description:
      'True when all switches were made by 1–4 clients: the counts are null, no reasons are listed.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field(() => Int, { nullable: true })
  clientCount!: number | null;

  @Field(() => [ReportSwitchReason])
  reasons!: ReportSwitchReason[];
}

@ObjectType({ description: 'Tavoitteiden toteutuminen – goals of the accepted plans of the year.' })
export class ReportGoals {
  @Field({
    description: 'True when the accepted plans belong to 1–4 clients: every figure is null.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Clients with an accepted plan.' })
  clientCount!: number | null;

  @Field(() => Int, { nullable: true })
  goalCount!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Reviews recorded on those goals (all versions of each goal).',
  })
  reviewCount!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Average of each reviewed goal’s latest attainment (0–100, one decimal).',
  })
  averageAttainment!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of goals whose review is overdue today (0–1, 4 decimals).',
  })
  overdueShare!: number | null;
}

@ObjectType({ description: 'Nimetön palaute – anonymous feedback by target; never its text.' })
export class ReportFeedback {
  @Field(() => ReportFeedbackTargetEnum)
  targetKind!: string;

  @Field({ description: 'True when the feedback came from 1–4 clients: the figures are null.' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true })
  count!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average rating 1–5, two decimals.' })
  averageRating!: number | null;
}

@ObjectType({
  description:
    'Laatu palveluntuottajittain – rating and complaints per provider; figures from 1–4 clients are suppressed.',
})
export class ReportProviderQuality {
  @Field({ description: 'True when the figures come from 1–4 clients: they are null.' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true })
  feedbackCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average rating 1–5, two decimals.' })
  averageRating!: number | null;

  @Field(() => Int, { nullable: true })
  complaintCount!: number | null;
}
