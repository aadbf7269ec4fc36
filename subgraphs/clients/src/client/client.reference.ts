import type { ClientsContext } from '../shared/context.types';

/**
 * Reference resolvers: how the gateway fetches clients, municipalities and staff by key for
 * other subgraphs. They batch through the request's loaders and apply the same authorization
 * as the root queries, so `_entities` is no way around the rules.
 */
export const clientsReferenceResolvers = {
  Client: {
    __resolveReference: (ref: { id: string }, ctx: ClientsContext) => ctx.clients.get(ref.id),
  },
  Municipality: {
    __resolveReference: (ref: { code: string }, ctx: ClientsContext) =>
      ctx.loaders.municipality.load(ref.code),
  },
  Organiser: {
    __resolveReference: (ref: { id: string }, ctx: ClientsContext) => ctx.organisers.get(ref.id),
  },
  StaffMember: {
    __resolveReference: (ref: { id: string }, ctx: ClientsContext) => {
      ctx.clients.principal();
      return ctx.loaders.staff.load(ref.id);
    },
  },
};
