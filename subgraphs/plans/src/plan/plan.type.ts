import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, UserError, enumOf } from '@hb/kit';
import {
  PARTICIPANT_ROLES,
  PLAN_STATUSES,
  type ParticipantRole,
  type PlanStatus,
} from './plan.model';
import {
  CHANGE_AREAS,
  CHANGE_KINDS,
  REVISION_REASONS,
  type ChangeArea,
  type ChangeKind,
  type RevisionReason,
} from './plan-diff';

export const PlanStatusEnum = enumOf(PLAN_STATUSES);
registerEnumType(PlanStatusEnum, {
  name: 'PlanStatus',
  description: 'Toteutussuunnitelman tila.',
  valuesConfig: {
    DRAFT: { description: 'Luonnos – being drafted, not in force.' },
    ACCEPTED: { description: 'Hyväksytty – accepted by the client; the plan in force.' },
    SUPERSEDED: {
      description: 'Korvattu – replaced by a newer accepted version; kept for the record.',
    },
  },
});

export const ParticipantRoleEnum = enumOf(PARTICIPANT_ROLES);
registerEnumType(ParticipantRoleEnum, {
  name: 'ParticipantRole',
  description: 'Rooli HB-prosessissa.',
  valuesConfig: {
    CLIENT: { description: 'Asiakas' },
    OWN_WORKER: { description: 'Omatyöntekijä' },
    HB_ADVISER: { description: 'HB-neuvoja' },
    TEAM_MEMBER: { description: 'Tiimin jäsen' },
    OTHER: { description: 'Muu' },
  },
});

@ObjectType({ description: 'Tavoitteen arviointi – a follow-up review of a goal.' })
export class GoalReview {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  reviewedAt!: string;

  @Field(() => Int, { description: 'Toteutuminen, 0–100 %.' })
  attainment!: number;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ description: 'Tavoite – a goal set for the services, with its indicator.' })
export class Goal {
  @Field(() => ID)
  id!: string;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true, description: 'Mittari – how attainment is judged.' })
  indicator!: string | null;

  @Field(() => [DateScalar], { description: 'Arviointipäivät – when the goal is to be reviewed.' })
  reviewDates!: string[];
}

@ObjectType({ description: 'Osallistuja – a person taking part in the HB process and their role.' })
export class PlanParticipant {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => ParticipantRoleEnum)
  role!: ParticipantRole;

  @Field(() => String, { nullable: true, description: 'Vastuu – what they do in the process.' })
  responsibility!: string | null;
}

@ObjectType({
  description: 'Palveluntuottajan vaihto – a recorded provider switch (no client data).',
})
export class ProviderSwitch {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field({ description: 'Vaihdon syy.' })
  reason!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Harkinnanvarainen peruste (unapproved provider).',
  })
  discretionaryReason!: string | null;

  @Field({ description: 'Who switched: CLIENT, ADVISER or WORKER.' })
  actorRole!: string;
}

@ObjectType({
  description: 'Kohdennus – part of a decided budget directed to a service and provider.',
})
export class Allocation {
  @Field(() => ID)
  id!: string;

  @Field()
  description!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Harkinnanvarainen peruste, when the provider is not approved.',
  })
  discretionaryReason!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description: "Toteutussuunnitelma – a client's implementation plan, one version of it.",
})
export class ImplementationPlan {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  version!: number;

  @Field(() => PlanStatusEnum)
  status!: PlanStatus;

  @Field({ description: 'Asiakkaan tarvitsema tuki prosessissa.' })
  supportNeeds!: string;

  @Field({ description: 'Käytännön suunnitelma budjetin toteuttamiseksi.' })
  practicalPlan!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  acceptedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'Who recorded the acceptance.' })
  acceptedBy!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "True when staff recorded the client's acceptance on their behalf.",
  })
  acceptedOnBehalf!: boolean | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Lähetetty asiakkaalle hyväksyttäväksi.',
  })
  sentAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Why staff recorded the acceptance on the client's behalf.",
  })
  acceptedReason!: string | null;
}

@InputType({ description: 'Palaute – anonymous in reports.' })
export class FeedbackInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => ID, { nullable: true })
  planId?: string | null;

  @Field(() => ID, { nullable: true })
  providerId?: string | null;

  @Field(() => Int, { description: '1–5.' })
  rating!: number;

  @Field(() => String, { nullable: true })
  text?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Nimetön: the HB centre sees no author (who or in which role) when reading it.',
  })
  anonymous?: boolean | null;
}

@ObjectType({ description: 'Palaute.' })
export class Feedback {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  rating!: number;

  @Field()
  text!: string;

  @Field({ description: 'CLIENT or TEAM_MEMBER; the person is not recorded.' })
  authorRole!: string;

  @Field(() => DateTimeScalar)
  at!: Date;
}

export const PlanChangeAreaEnum = enumOf(CHANGE_AREAS);
registerEnumType(PlanChangeAreaEnum, {
  name: 'PlanChangeArea',
  description: 'Mikä osa suunnitelmasta muuttui.',
});
export const PlanChangeKindEnum = enumOf(CHANGE_KINDS);
registerEnumType(PlanChangeKindEnum, { name: 'PlanChangeKind', description: 'Muutoksen laji.' });
export const RevisionReasonEnum = enumOf(REVISION_REASONS);
registerEnumType(RevisionReasonEnum, {
  name: 'PlanRevisionReason',
  description: 'Miksi suunnitelma on tarkistettava.',
  valuesConfig: {
    OVER_BUDGET: {
      description: 'Kohdennukset ylittävät budjetin (esim. uudelleenarvioinnin jälkeen).',
    },
    BUDGET_NOT_FOUND: { description: 'Kohdennuksen budjettia ei enää ole.' },
    PROVIDER_NOT_APPROVED: { description: 'Tuottaja ei ole enää hyväksytty.' },
    SERVICE_NOT_OFFERED: { description: 'Tuottaja ei enää tarjoa palvelua.' },
  },
});

@ObjectType({ description: 'Muutos edelliseen versioon.' })
export class PlanChange {
  @Field(() => PlanChangeAreaEnum)
  area!: ChangeArea;

  @Field(() => PlanChangeKindEnum)
  kind!: ChangeKind;

  @Field(() => String, { nullable: true, description: 'Ennen.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'Nyt.' })
  after!: string | null;
}

@ObjectType({ description: 'Tarkistustarve: syy ja budjetti tai tuottaja, jota se koskee.' })
export class PlanRevisionFinding {
  @Field(() => RevisionReasonEnum)
  reason!: RevisionReason;

  @Field(() => ID, { description: 'The budget or provider concerned.' })
  subjectId!: string;
}

@ObjectType()
export class PlanPayload {
  @Field(() => ImplementationPlan, { nullable: true })
  plan!: ImplementationPlan | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class FeedbackPayload {
  @Field(() => Feedback, { nullable: true })
  feedback!: Feedback | null;

  @Field(() => [UserError])
  errors!: UserError[];
}
