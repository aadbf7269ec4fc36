import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The clients subgraph owns clients; this subgraph adds their budgets. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Client {
  @Field(() => ID)
  id!: string;
}
