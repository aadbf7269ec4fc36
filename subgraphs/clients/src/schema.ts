import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import { ClientResolver } from './client/client.resolver';
import { MunicipalityResolver } from './municipality/municipality.resolver';
import { clientsReferenceResolvers } from './client/client.reference';

/** The clients subgraph schema; needs no database, so `pnpm compose` can print it. */
export function buildClientsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [ClientResolver, MunicipalityResolver], validate: false },
    clientsReferenceResolvers as never,
  );
}
