import type { BudgetInfo, ClientInfo, Directories, ProviderInfo } from '../directory/directories';

/**
 * Small in-memory directories for tests: the budgets, providers and clients subgraphs are
 * other services, so the rules are tested against these stand-ins. Consents are keyed by
 * `${teamMemberSub}|${clientId}`.
 */
export function fakeDirectories() {
  const budgets = new Map<string, BudgetInfo>();
  const providers = new Map<string, ProviderInfo>();
  const clients = new Map<string, ClientInfo>();
  const consents = new Map<string, string[]>();
  const calls = { budgets: 0, providers: 0, clients: 0, clientBatches: 0, consents: 0 };
  const directories: Directories = {
    budgets: { budget: async (id) => (calls.budgets++, budgets.get(id) ?? null) },
    providers: { provider: async (id) => (calls.providers++, providers.get(id) ?? null) },
    clients: {
      client: async (id) => (calls.clients++, clients.get(id) ?? null),
      clients: async (ids) => (calls.clientBatches++, ids.map((id) => clients.get(id) ?? null)),
      consentScopes: async (clientId, ctx) => (
        calls.consents++,
        consents.get(`${ctx.principal?.sub}|${clientId}`) ?? []
      ),
    },
  };
  return { directories, budgets, providers, clients, consents, calls };
}
