import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Palveluntuottaja – a service provider.' })
export class Provider {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Palvelutarjous – a service a provider offers, with its price.' })
export class Offering {
  @Field(() => ID)
  id!: string;
}
