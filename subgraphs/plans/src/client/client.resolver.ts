import { FieldResolver, Resolver, Root } from 'type-graphql';
import { ImplementationPlan } from '../plan/plan.type';
import { Client } from './client.type';

@Resolver(() => Client)
export class ClientPlansResolver {
  @FieldResolver(() => [ImplementationPlan], { description: 'Asiakkaan toteutussuunnitelmat.' })
  plans(@Root() _client: Client): ImplementationPlan[] {
    return [];
  }
}
