import { byKeys, groupByKeys } from '@hb/kit';
import DataLoader from 'dataloader';
import type {
  ApprovalEventEntity,
  ListingVersionEntity,
  OfferingEntity,
  ProviderEntity,
} from '../provider/provider.entity';
import type { ProvidersStores } from './stores';

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
