import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "code")')
@ObjectType({ description: 'Palvelu – a service that can be arranged with a personal budget.' })
export class ServiceType {
  @Field(() => ID, { description: 'DAY_ACTIVITIES, RESPITE_CARE, TRANSPORT, …' })
  code!: string;

  @Field({ description: 'Name in Finnish.' })
  name!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Henkilökohtainen budjetti – a client\'s personal budget for one year and service.' })
export class Budget {
  @Field(() => ID)
  id!: string;
}
