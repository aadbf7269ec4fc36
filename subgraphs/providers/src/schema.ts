import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import { ProviderResolver } from './provider/provider.resolver';
import { Offering } from './provider/provider.type';

export function buildProvidersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [ProviderResolver], orphanedTypes: [Offering], validate: false },
    {
      Provider: { __resolveReference: () => null },
      Offering: { __resolveReference: () => null },
    },
  );
}
