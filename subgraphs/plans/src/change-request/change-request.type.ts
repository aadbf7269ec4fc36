import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, UserError } from '@hb/kit';
import { ImplementationPlan } from '../plan/plan.type';

@ObjectType({
  description: 'Muutostoive – what the client asks to change in a draft plan before accepting it.',
})
export class PlanChangeRequest {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The client's own words." })
  message!: string;

  @Field(() => DateTimeScalar)
  requestedAt!: Date;

  @Field({ description: 'Who asked: CLIENT.' })
  requestedByRole!: string;
}

@ObjectType()
export class PlanChangeRequestPayload {
  @Field(() => ImplementationPlan, { nullable: true })
  plan!: ImplementationPlan | null;

  @Field(() => PlanChangeRequest, { nullable: true })
  changeRequest!: PlanChangeRequest | null;

  @Field(() => [UserError])
  errors!: UserError[];
}
