import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Toteutussuunnitelma – a client\'s implementation plan.' })
export class ImplementationPlan {
  @Field(() => ID)
  id!: string;
}
