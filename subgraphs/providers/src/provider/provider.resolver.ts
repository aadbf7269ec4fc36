import { Arg, ID, Query, Resolver } from 'type-graphql';
import { Provider } from './provider.type';

@Resolver(() => Provider)
export class ProviderResolver {
  @Query(() => Provider, { nullable: true })
  provider(@Arg('id', () => ID) _id: string): Provider | null {
    return null;
  }
}
