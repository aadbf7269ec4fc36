import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import {
  MunicipalityProvidersResolver,
  OfferingResolver,
  ProviderResolver,
  ServiceTypeOfferingsResolver,
} from './provider/provider.resolver';
import { Municipality, ServiceType } from './provider/provider.type';
import { Offering } from './provider/offering.type';
import { providersReferenceResolvers } from './provider/provider.reference';
import { PaymentAccountResolver } from './payment-account/payment-account.resolver';
import { CatalogueResolver } from './provider/catalogue.resolver';

/** The providers subgraph schema; needs no database, so `pnpm compose` can print it. */
export function buildProvidersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ProviderResolver,
        OfferingResolver,
        ServiceTypeOfferingsResolver,
        MunicipalityProvidersResolver,
        PaymentAccountResolver,
        CatalogueResolver,
      ],
      orphanedTypes: [Offering, Municipality, ServiceType],
      validate: false,
    },
    providersReferenceResolvers,
  );
}
