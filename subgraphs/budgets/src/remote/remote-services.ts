import { parseAmount, queryService, type Config, type RequestContext } from '@hb/kit';

/**
 * What this subgraph asks other subgraphs at write time, as injectable interfaces: the server
 * wires the HTTP implementations below (calls under the caller's own token), tests pass small
 * in-memory ones (or, later, the real subgraphs).
 */

/** A provider as the charge rules need it (CONTRACT: ProviderKind, ApprovalStatus). */
export interface ProviderFacts {
  id: string;
  /** COMPANY, NGO, COMMUNITY or ORGANISER_OWN; any other passes through as it comes. */
  kind: string;
  /** PENDING, INFO_REQUESTED, APPROVED, REJECTED or SUSPENDED; any other passes as it comes. */
  approvalStatus: string;
  /** Municipality codes it serves; commitments need them (absent: serves none). */
  municipalitiesServed?: string[];
  /** Its offerings and their service types; commitments need them (absent: offers none). */
  offerings?: Array<{ id: string; serviceTypeCode: string }>;
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
  /** Kept on commitments: the one thing of the client their provider sees. */
  firstName?: string;
  /** Syntymäaika, for the age bands of HB classes; null or absent when not recorded. */
  dateOfBirth?: string | null;
}

/** An accepted plan's allocations, as commitments are issued from them. */
export interface PlanFacts {
  id: string;
  clientId: string;
  year: number;
  version: number;
  /** DRAFT, ACCEPTED or SUPERSEDED; any other passes through as it comes. */
  status: string;
  allocations: Array<{
    id: string;
    budgetId: string;
    providerId: string | null;
    offeringId: string | null;
    amountCents: number;
    description: string;
    discretionaryReason: string | null;
  }>;
}

/** One client's plan figures for the caseload (plans subgraph's `planAttention`). */
export interface PlanAttentionFacts {
  clientId: string;
  waitingAcceptance: number;
  waitingRevision: number;
  overdueReviews: number;
}

/** Reads a plan from the plans subgraph under the caller's rights; null when unknown. */
export interface PlanDirectory {
  plan(ctx: RequestContext, planId: string): Promise<PlanFacts | null>;
  /**
   * The plan figures of every client of these municipalities with one that is not zero, in
   * one request: the caseload orders and filters by them on the server.
   */
  attention?(
    ctx: RequestContext,
    municipalities: readonly string[],
    year: number,
  ): Promise<PlanAttentionFacts[]>;
}

/** A client's named own worker and HB adviser (staff ids; null: nobody named). */
export interface NamedStaffFacts {
  id: string;
  municipalityCode: string;
  ownWorkerId: string | null;
  adviserId: string | null;
}

/** Looks a client up in the clients subgraph under the caller's rights; null when unknown. */
export interface ClientDirectory {
  client(ctx: RequestContext, clientId: string): Promise<ClientFacts | null>;
  /**
   * Several clients in one request (same rights, same answers as {@link client} one by one):
   * a page of clients without budgets asked the clients subgraph once per client.
   */
  clients?(ctx: RequestContext, clientIds: readonly string[]): Promise<Array<ClientFacts | null>>;
  /** Who the inbox addresses her items to; staff only. Absent in tests that need no inbox. */
  namedStaff?(ctx: RequestContext, clientId: string): Promise<NamedStaffFacts | null>;
}

/** All remote ports of this subgraph. */
export interface RemoteServices {
  providers: ProviderDirectory;
  consents: ConsentChecker;
  clients: ClientDirectory;
  /** Absent where plans are not reachable (tests of other rules): plan commitments then fail. */
  plans?: PlanDirectory;
}

/** The real ones: GraphQL over HTTP to the URLs in the config. */
export function httpRemoteServices(
  config: Pick<Config, 'PROVIDERS_URL' | 'CLIENTS_URL' | 'PLANS_URL'>,
): RemoteServices {
  return {
    providers: {
      async provider(ctx, providerId) {
        const data = await queryService<{
          provider: {
            id: string;
            kind: string;
            approvalStatus: string;
            municipalitiesServed: Array<{ code: string }>;
            offerings: Array<{ id: string; serviceType: { code: string } }>;
          } | null;
        }>({
          url: config.PROVIDERS_URL,
          query:
            'query($id: ID!){ provider(id:$id){ id kind approvalStatus municipalitiesServed{code} offerings{ id serviceType{code} } } }',
          variables: { id: providerId },
          ctx,
        });
        const p = data.provider;
        return p
          ? {
              id: p.id,
              kind: p.kind,
              approvalStatus: p.approvalStatus,
              municipalitiesServed: p.municipalitiesServed.map((m) => m.code),
              offerings: p.offerings.map((o) => ({
                id: o.id,
                serviceTypeCode: o.serviceType.code,
              })),
            }
          : null;
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
          client: {
            id: string;
            firstName: string;
            dateOfBirth: string | null;
            municipality: { code: string };
          } | null;
        }>({
          url: config.CLIENTS_URL,
          query:
            'query($id: ID!){ client(id:$id){ id firstName dateOfBirth municipality { code } } }',
          variables: { id: clientId },
          ctx,
        });
        return data.client
          ? {
              id: data.client.id,
              municipalityCode: data.client.municipality.code,
              firstName: data.client.firstName,
              dateOfBirth: data.client.dateOfBirth,
            }
          : null;
      },
      async clients(ctx, clientIds) {
        type Found = {
          id: string;
          firstName: string;
          dateOfBirth: string | null;
          municipality: { code: string };
        } | null;
        // One request, one alias per client: the clients subgraph loads them in one batch.
        const vars = clientIds.map((_, i) => `$c${i}: ID!`).join(', ');
        const fields = clientIds
          .map(
            (_, i) =>
              `c${i}: client(id: $c${i}) { id firstName dateOfBirth municipality { code } }`,
          )
          .join(' ');
        let data: Record<string, Found>;
        try {
          data = await queryService<Record<string, Found>>({
            url: config.CLIENTS_URL,
            query: `query(${vars}) { ${fields} }`,
            variables: Object.fromEntries(clientIds.map((id, i) => [`c${i}`, id])),
            ctx,
          });
        } catch {
          // An error of one (a refusal) fails the whole answer: then each on its own, so
          // that every client gets exactly the answer or error it got alone.
          return Promise.all(clientIds.map((id) => this.client(ctx, id)));
        }
        return clientIds.map((_, i) => {
          const c = data[`c${i}`];
          return c
            ? {
                id: c.id,
                municipalityCode: c.municipality.code,
                firstName: c.firstName,
                dateOfBirth: c.dateOfBirth,
              }
            : null;
        });
      },
      async namedStaff(ctx, clientId) {
        const data = await queryService<{
          client: {
            id: string;
            municipality: { code: string };
            ownWorker: { id: string } | null;
            adviser: { id: string } | null;
          } | null;
        }>({
          url: config.CLIENTS_URL,
          query:
            'query($id: ID!){ client(id:$id){ id municipality { code } ownWorker { id } adviser { id } } }',
          variables: { id: clientId },
          ctx,
        });
        const c = data.client;
        return c
          ? {
              id: c.id,
              municipalityCode: c.municipality.code,
              ownWorkerId: c.ownWorker?.id ?? null,
              adviserId: c.adviser?.id ?? null,
            }
          : null;
      },
    },
    plans: {
      async attention(ctx, municipalities, year) {
        const data = await queryService<{ planAttention: PlanAttentionFacts[] }>({
          url: config.PLANS_URL,
          query:
            'query($m: [String!]!, $y: Int!){ planAttention(municipalityCodes:$m, year:$y){ clientId waitingAcceptance waitingRevision overdueReviews } }',
          variables: { m: municipalities, y: year },
          ctx,
        });
        return data.planAttention;
      },
      async plan(ctx, planId) {
        const data = await queryService<{
          plan: {
            id: string;
            year: number;
            version: number;
            status: string;
            client: { id: string };
            allocations: Array<{
              id: string;
              description: string;
              discretionaryReason: string | null;
              amount: { amount: string };
              budget: { id: string };
              provider: { id: string } | null;
              offering: { id: string } | null;
            }>;
          } | null;
        }>({
          url: config.PLANS_URL,
          query:
            'query($id: ID!){ plan(id:$id){ id year version status client{id} allocations{ id description discretionaryReason amount{amount} budget{id} provider{id} offering{id} } } }',
          variables: { id: planId },
          ctx,
        });
        const p = data.plan;
        if (!p) return null;
        return {
          id: p.id,
          clientId: p.client.id,
          year: p.year,
          version: p.version,
          status: p.status,
          allocations: p.allocations.map((a) => {
            const amount = parseAmount(a.amount.amount);
            if (!amount.ok) throw new Error(`plans: unreadable amount ${a.amount.amount}`);
            return {
              id: a.id,
              budgetId: a.budget.id,
              providerId: a.provider?.id ?? null,
              offeringId: a.offering?.id ?? null,
              amountCents: amount.cents,
              description: a.description,
              discretionaryReason: a.discretionaryReason,
            };
          }),
        };
      },
    },
  };
}
