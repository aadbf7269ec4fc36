import { queryService, type Config, type RequestContext } from '@hb/kit';

/**
 * What this subgraph asks other subgraphs at write time, as injectable interfaces: the server
 * wires the HTTP implementations below (calls under the caller's own token), tests pass small
 * in-memory ones (or, later, the real subgraphs).
 */

/** A provider as the charge rules need it (CONTRACT: ProviderKind, ApprovalStatus). */
export interface ProviderFacts {
  id: string;
  kind: 'COMPANY' | 'NGO' | 'COMMUNITY' | 'ORGANISER_OWN' | string;
  approvalStatus: 'PENDING' | 'INFO_REQUESTED' | 'APPROVED' | 'REJECTED' | 'SUSPENDED' | string;
}

/** Looks a provider up in the providers subgraph; null when it does not exist. */
export interface ProviderDirectory {
  provider(ctx: RequestContext, providerId: string): Promise<ProviderFacts | null>;
}

/** What the calling team member may see of a client (the clients subgraph's `myConsentScopes`). */
export interface ConsentChecker {
  myConsentScopes(ctx: RequestContext, clientId: string): Promise<string[]>;
}

/** A client as a budget decision needs it: that it exists and where it lives. */
export interface ClientFacts {
  id: string;
  municipalityCode: string;
}

/** Looks a client up in the clients subgraph under the caller's rights; null when unknown. */
export interface ClientDirectory {
  client(ctx: RequestContext, clientId: string): Promise<ClientFacts | null>;
}

/** All remote ports of this subgraph. */
export interface RemoteServices {
  providers: ProviderDirectory;
  consents: ConsentChecker;
  clients: ClientDirectory;
}

/** The real ones: GraphQL over HTTP to the URLs in the config. */
export function httpRemoteServices(
  config: Pick<Config, 'PROVIDERS_URL' | 'CLIENTS_URL'>,
): RemoteServices {
  return {
    providers: {
      async provider(ctx, providerId) {
        const data = await queryService<{ provider: ProviderFacts | null }>({
          url: config.PROVIDERS_URL,
          query: 'query($id: ID!){ provider(id:$id){ id kind approvalStatus } }',
          variables: { id: providerId },
          ctx,
        });
        return data.provider;
      },
    },
    consents: {
      async myConsentScopes(ctx, clientId) {
        const data = await queryService<{ myConsentScopes: string[] }>({
          url: config.CLIENTS_URL,
          query: 'query($c: ID!){ myConsentScopes(clientId:$c) }',
          variables: { c: clientId },
          ctx,
        });
        return data.myConsentScopes;
      },
    },
    clients: {
      async client(ctx, clientId) {
        const data = await queryService<{
          client: { id: string; municipality: { code: string } } | null;
        }>({
          url: config.CLIENTS_URL,
          query: 'query($id: ID!){ client(id:$id){ id municipality { code } } }',
          variables: { id: clientId },
          ctx,
        });
        return data.client
          ? { id: data.client.id, municipalityCode: data.client.municipality.code }
          : null;
      },
    },
  };
}
