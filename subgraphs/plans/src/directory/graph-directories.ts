import { isUuid, parseAmount, queryService, type Config } from '@hb/kit';
import type {
  ApprovalStatus,
  BudgetDirectory,
  ClientDirectory,
  Directories,
  ProviderDirectory,
  ProviderKind,
} from './directories';

/** Reads budgets from the budgets subgraph (`BUDGETS_URL`). */
export function budgetsOverGraph(config: Pick<Config, 'BUDGETS_URL'>): BudgetDirectory {
  return {
    async budget(id, ctx) {
      if (!isUuid(id)) return null;
      const data = await queryService<{
        budget: {
          id: string;
          year: number;
          granted: { amount: string };
          serviceType: { code: string };
          client: { id: string };
        } | null;
      }>({
        url: config.BUDGETS_URL,
        query:
          'query($id: ID!){ budget(id:$id){ id year granted{amount} serviceType{code} client{id} } }',
        variables: { id },
        ctx,
      });
      const b = data.budget;
      if (!b) return null;
      const granted = parseAmount(b.granted.amount);
      if (!granted.ok) throw new Error(`budgets: unreadable granted amount ${b.granted.amount}`);
      return {
        id: b.id,
        clientId: b.client.id,
        year: b.year,
        grantedCents: granted.cents,
        serviceTypeCode: b.serviceType.code,
      };
    },
  };
}

/** Reads providers and their offerings from the providers subgraph (`PROVIDERS_URL`). */
export function providersOverGraph(config: Pick<Config, 'PROVIDERS_URL'>): ProviderDirectory {
  return {
    async provider(id, ctx) {
      if (!isUuid(id)) return null;
      const data = await queryService<{
        provider: {
          id: string;
          kind: ProviderKind;
          approvalStatus: ApprovalStatus;
          offerings: Array<{ id: string; serviceType: { code: string } }>;
        } | null;
      }>({
        url: config.PROVIDERS_URL,
        query:
          'query($id: ID!){ provider(id:$id){ id kind approvalStatus offerings{ id serviceType{code} } } }',
        variables: { id },
        ctx,
      });
      const p = data.provider;
      if (!p) return null;
      return {
        id: p.id,
        kind: p.kind,
        approvalStatus: p.approvalStatus,
        offerings: p.offerings.map((o) => ({ id: o.id, serviceTypeCode: o.serviceType.code })),
      };
    },
  };
}

/** Reads clients and the caller's consents from the clients subgraph (`CLIENTS_URL`). */
export function clientsOverGraph(config: Pick<Config, 'CLIENTS_URL'>): ClientDirectory {
  const directory: ClientDirectory = {
    async clients(ids, ctx) {
      const asked = ids.filter(isUuid);
      type Found = { id: string; municipality: { code: string } } | null;
      let data: Record<string, Found> = {};
      if (asked.length > 0) {
        try {
          // One request, one alias per client: the clients subgraph loads them in one batch.
          data = await queryService<Record<string, Found>>({
            url: config.CLIENTS_URL,
            query: `query(${asked.map((_, i) => `$c${i}: ID!`).join(', ')}) { ${asked
              .map((_, i) => `c${i}: client(id: $c${i}) { id municipality { code } }`)
              .join(' ')} }`,
            variables: Object.fromEntries(asked.map((id, i) => [`c${i}`, id])),
            ctx,
          });
        } catch {
          // One refusal fails the whole answer: then each alone, for its own answer or error.
          return Promise.all(
            ids.map((id) =>
              directory
                .client(id, ctx)
                .catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))),
            ),
          );
        }
      }
      return ids.map((id) => {
        const c = isUuid(id) ? data[`c${asked.indexOf(id)}`] : null;
        return c ? { id: c.id, municipalityCode: c.municipality.code } : null;
      });
    },
    async client(id, ctx) {
      if (!isUuid(id)) return null;
      const data = await queryService<{
        client: { id: string; municipality: { code: string } } | null;
      }>({
        url: config.CLIENTS_URL,
        query: 'query($id: ID!){ client(id:$id){ id municipality{code} } }',
        variables: { id },
        ctx,
      });
      return data.client
        ? { id: data.client.id, municipalityCode: data.client.municipality.code }
        : null;
    },
    async consentScopes(clientId, ctx) {
      if (!isUuid(clientId)) return [];
      const data = await queryService<{ myConsentScopes: string[] }>({
        url: config.CLIENTS_URL,
        query: 'query($c: ID!){ myConsentScopes(clientId:$c) }',
        variables: { c: clientId },
        ctx,
      });
      return data.myConsentScopes;
    },
  };
  return directory;
}

/** The real directories, configured only from the `Config` given to the runtime. */
export function graphDirectories(
  config: Pick<Config, 'BUDGETS_URL' | 'PROVIDERS_URL' | 'CLIENTS_URL'>,
): Directories {
  return {
    budgets: budgetsOverGraph(config),
    providers: providersOverGraph(config),
    clients: clientsOverGraph(config),
  };
}
