import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Suunnitelmien tilanne asiakaslistalle: one client’s plans that wait for something (only clients with a non-zero figure are listed).',
})
export class PlanAttention {
  @Field(() => ID)
  clientId!: string;

  @Field(() => Int, { description: 'Drafts sent to the client and not yet accepted.' })
  waitingAcceptance!: number;

  @Field(() => Int, {
    description:
      'Sent drafts the client asked to change since: they wait for the HB centre to revise them.',
  })
  waitingRevision!: number;

  @Field(() => Int, {
    description: 'Goals of the accepted plan whose review date has passed without a review.',
  })
  overdueReviews!: number;
}
