import type { DataSource } from 'typeorm';
import { ProviderStore } from '../provider/provider.store';
import { SearchCache, type SearchCacheOptions } from '../provider/search-cache';
import { CatalogueStore } from '../provider/catalogue.store';

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
