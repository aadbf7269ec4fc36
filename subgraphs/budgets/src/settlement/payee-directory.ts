import { queryService, type Config, type RequestContext } from '@hb/kit';
import type { PayeeSnapshot } from './settlement.store';

/**
 * The payees' names and bank accounts, from the providers subgraph, asked under the caller's
 * (the organiser's) own token: the providers subgraph decides whether the caller may read an
 * account. Injectable, like the other remote ports: tests pass a small in-memory one.
 */
export interface PayeeDirectory {
  /** Providers by id; a provider that is unknown or hidden from the caller is absent. */
  accounts(
    ctx: RequestContext,
    providerIds: readonly string[],
  ): Promise<Map<string, PayeeSnapshot>>;
}

/** The providers subgraph over HTTP: one request with an aliased `provider` per payee. */
export function httpPayeeDirectory(config: Pick<Config, 'PROVIDERS_URL'>): PayeeDirectory {
  return {
    async accounts(ctx, providerIds) {
      const result = new Map<string, PayeeSnapshot>();
      if (providerIds.length === 0) return result;
      const fields = providerIds
        .map((_, i) => `p${i}: provider(id: $p${i}) { id name businessId iban bic }`)
        .join(' ');
      const params = providerIds.map((_, i) => `$p${i}: ID!`).join(', ');
      const data = await queryService<
        Record<
          string,
          {
            id: string;
            name: string;
            businessId: string;
            iban: string | null;
            bic: string | null;
          } | null
        >
      >({
        url: config.PROVIDERS_URL,
        query: `query(${params}) { ${fields} }`,
        variables: Object.fromEntries(providerIds.map((id, i) => [`p${i}`, id])),
        ctx,
      });
      for (const p of Object.values(data)) {
        if (p)
          result.set(p.id, { name: p.name, businessId: p.businessId, iban: p.iban, bic: p.bic });
      }
      return result;
    },
  };
}

/** Where no providers subgraph is wired (rule tests): nobody's account is known. */
export const NO_PAYEES: PayeeDirectory = { accounts: () => Promise.resolve(new Map()) };
