import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ProvidersContext } from '../shared/context.types';
import { CatalogueFacets } from './catalogue-facets.type';
import { ProviderSearchInput } from './catalogue.type';

@Resolver()
export class CatalogueResolver {
  @Query(() => CatalogueFacets, {
    description:
      'Palveluhaun rajaukset – counts per service type, municipality, language, accessibility feature, price unit and intake of the providers a catalogue search finds. Public.',
  })
  providerFacets(
    @Ctx() ctx: ProvidersContext,
    @Arg('search', () => ProviderSearchInput, { nullable: true }) search?: ProviderSearchInput,
  ) {
    return ctx.catalogue.facets(search);
  }
}
