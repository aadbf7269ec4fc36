import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@hb/kit';
import { type ParticipantRole } from './plan.model';
import { ParticipantRoleEnum } from './plan.type';

@InputType({ description: 'Tavoite.' })
export class GoalInput {
  @Field(() => ID, {
    nullable: true,
    description: 'An existing goal of the plan, to keep its review history.',
  })
  id?: string | null;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true })
  indicator?: string | null;

  @Field(() => [DateScalar], { nullable: true })
  reviewDates?: string[] | null;
}

@InputType({ description: 'Osallistuja.' })
export class ParticipantInput {
  @Field()
  name!: string;

  @Field(() => ParticipantRoleEnum)
  role!: ParticipantRole;

  @Field(() => String, { nullable: true })
  responsibility?: string | null;
}

@InputType({ description: 'Uusi toteutussuunnitelma.' })
export class CreatePlanInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => ID, {
    description: "The client's municipality (kuntanumero); checked with the clients service.",
  })
  municipalityCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { nullable: true })
  supportNeeds?: string | null;

  @Field(() => String, { nullable: true })
  practicalPlan?: string | null;

  @Field(() => [GoalInput], { nullable: true })
  goals?: GoalInput[] | null;

  @Field(() => [ParticipantInput], { nullable: true })
  participants?: ParticipantInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Start from the client's submitted proposal (oma ehdotus): what is not given is taken from it.",
  })
  fromProposal?: boolean | null;
}

@InputType({
  description:
    'Muutokset; a list given replaces the whole list. Changing an accepted plan makes a new version.',
})
export class UpdatePlanInput {
  @Field(() => String, { nullable: true })
  supportNeeds?: string | null;

  @Field(() => String, { nullable: true })
  practicalPlan?: string | null;

  @Field(() => [GoalInput], { nullable: true })
  goals?: GoalInput[] | null;

  @Field(() => [ParticipantInput], { nullable: true })
  participants?: ParticipantInput[] | null;
}

@InputType({ description: 'Kohdennus.' })
export class AllocationInput {
  @Field(() => ID, {
    nullable: true,
    description: 'An existing allocation of the plan, to keep its switch history.',
  })
  id?: string | null;

  @Field(() => ID)
  budgetId!: string;

  @Field(() => ID, { nullable: true })
  providerId?: string | null;

  @Field(() => ID, { nullable: true })
  offeringId?: string | null;

  @Field({ description: 'Decimal euros, e.g. "15360.00".' })
  amount!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Needed when the provider is not approved by the organiser.',
  })
  discretionaryReason?: string | null;
}

@InputType({ description: 'Tavoitteen arviointi.' })
export class GoalReviewInput {
  @Field(() => DateScalar)
  reviewedAt!: string;

  @Field(() => Int, { description: '0–100.' })
  attainment!: number;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
