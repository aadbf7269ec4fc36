import { Ctx, Query, Resolver } from 'type-graphql';
import type { ClientsContext } from '../shared/context.types';
import { Municipality } from '../client/client.type';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => [Municipality], { description: 'Kunnat – the municipalities served (public).' })
  municipalities(@Ctx() ctx: ClientsContext) {
    return ctx.clients.municipalities();
  }
}
