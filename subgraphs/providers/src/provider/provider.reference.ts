import type { ProvidersContext } from '../shared/context.types';

/**
 * Reference resolvers: how the gateway fetches providers and offerings by key for other
 * subgraphs (a charge's provider, a plan's allocation). Batched through the request's loaders.
 * A provider resolves for any signed-in caller (a discretionary, non-approved provider can
 * appear on a client's ledger); for anonymous callers only approved providers. Municipality
 * and ServiceType are other subgraphs' entities: this subgraph only adds fields to them.
 */
export const providersReferenceResolvers = {
  Provider: {
    __resolveReference: (ref: { id: string }, ctx: ProvidersContext) =>
      ctx.providers.reference(ref.id),
  },
  Offering: {
    __resolveReference: (ref: { id: string }, ctx: ProvidersContext) =>
      ctx.providers.offering(ref.id),
  },
  Municipality: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
  },
  ServiceType: {
    __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
  },
};
