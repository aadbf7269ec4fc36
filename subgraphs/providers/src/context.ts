import { byKeys, groupByKeys } from '@hb/kit';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '@hb/kit';
import { ProviderStore } from './provider/provider.store';
import type {
  ApprovalEventEntity,
  ListingVersionEntity,
  OfferingEntity,
  ProviderEntity,
} from './provider/provider.entity';
import { ProviderService } from './provider/provider.service';
import { PaymentAccountService } from './provider/payment-account.service';
import { SearchCache, type SearchCacheOptions } from './provider/search-cache';
import { CatalogueStore } from './provider/catalogue.store';

/** Stores are stateless and shared by all requests. */
export interface ProvidersStores {
  db: DataSource;
  providers: ProviderStore;
  catalogue: CatalogueStore;
  /** Public catalogue answers of this process, reused for a few seconds. */
  searches: SearchCache<Awaited<ReturnType<CatalogueStore['search']>>>;
}

export function createStores(db: DataSource, cache: SearchCacheOptions = {}): ProvidersStores {
  return {
    db,
    providers: new ProviderStore(db),
    catalogue: new CatalogueStore(db),
    searches: new SearchCache(cache),
  };
}

/** Per-request batching: every list field and reference resolver goes through these. */
export function createLoaders(stores: ProvidersStores) {
  return {
    provider: new DataLoader<string, ProviderEntity | null>(async (ids) =>
      byKeys(await stores.providers.providersByIds(ids), ids, (p) => p.id),
    ),
    offering: new DataLoader<string, OfferingEntity | null>(async (ids) =>
      byKeys(await stores.providers.offeringsByIds(ids), ids, (o) => o.id),
    ),
    offeringsOfProvider: new DataLoader<string, OfferingEntity[]>(async (ids) =>
      groupByKeys(await stores.providers.offeringsByProviderIds(ids), ids, (o) => [o.providerId]),
    ),
    offeringsOfServiceType: new DataLoader<string, OfferingEntity[]>(async (codes) =>
      groupByKeys(await stores.providers.approvedOfferingsByServiceTypes(codes), codes, (o) => [
        o.serviceType,
      ]),
    ),
    providersServing: new DataLoader<string, ProviderEntity[]>(async (codes) =>
      groupByKeys(
        await stores.providers.approvedProvidersServing(codes),
        codes,
        (p) => p.municipalities,
      ),
    ),
    history: new DataLoader<string, ApprovalEventEntity[]>(async (ids) =>
      groupByKeys(await stores.providers.historyByProviderIds(ids), ids, (e) => [e.providerId]),
    ),
    awaitingOfferings: new DataLoader<string, OfferingEntity[]>(async (ids) =>
      groupByKeys(await stores.providers.awaitingOfferingsByProviderIds(ids), ids, (o) => [
        o.providerId,
      ]),
    ),
    listingVersions: new DataLoader<string, ListingVersionEntity[]>(async (ids) =>
      groupByKeys(await stores.providers.listingVersionsByProviderIds(ids), ids, (v) => [
        v.providerId,
      ]),
    ),
  };
}

export type ProvidersLoaders = ReturnType<typeof createLoaders>;

/** The request context of the providers subgraph. */
export interface ProvidersContext extends RequestContext {
  loaders: ProvidersLoaders;
  providers: ProviderService;
  paymentAccounts: PaymentAccountService;
}

export function extendContext(stores: ProvidersStores) {
  return (base: RequestContext): ProvidersContext => {
    const loaders = createLoaders(stores);
    return {
      ...base,
      loaders,
      providers: new ProviderService(stores, base, loaders),
      paymentAccounts: new PaymentAccountService(stores, base, loaders),
    };
  };
}
