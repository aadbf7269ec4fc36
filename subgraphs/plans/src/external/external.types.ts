import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities other subgraphs own, with only their key fields. The gateway fetches the rest from
 * their owners. Budget and Client are resolvable here because this subgraph adds fields to
 * them (`Budget.allocations`, `Client.plans`); providers, offerings and service types are
 * only referenced.
 */

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Asiakas – owned by the clients subgraph.' })
export class Client {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Henkilökohtainen budjetti – owned by the budgets subgraph.' })
export class Budget {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'Palveluntuottaja – owned by the providers subgraph.' })
export class Provider {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'Palvelutarjous – owned by the providers subgraph.' })
export class Offering {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "code", resolvable: false)')
@ObjectType({ description: 'Palvelu – owned by the budgets subgraph.' })
export class ServiceType {
  @Field(() => ID)
  code!: string;
}
