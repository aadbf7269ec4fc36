import type { DataSource } from 'typeorm';
import { ProviderStore } from '../provider/provider.store';
import { SearchCache, type SearchCacheOptions } from '../provider/search-cache';
import { CatalogueStore } from '../provider/catalogue.store';
import {
  CatalogueAdmission,
  type CatalogueAdmissionOptions,
} from '../provider/catalogue-admission';

/** Stores are stateless and shared by all requests. */
export interface ProvidersStores {
  db: DataSource;
  providers: ProviderStore;
  catalogue: CatalogueStore;
  /** Public catalogue answers of this process, reused for a few seconds. */
  searches: SearchCache<Awaited<ReturnType<CatalogueStore['search']>>>;
  /** Turns of public catalogue searches at the database (staff searches need none). */
  admission: CatalogueAdmission;
}

/** Without a configuration (tests, scripts): the defaults of CATALOGUE_CONCURRENCY and CATALOGUE_QUEUE. */
const DEFAULT_ADMISSION: CatalogueAdmissionOptions = { concurrency: 4, queue: 16 };

export function createStores(
  db: DataSource,
  cache: SearchCacheOptions = {},
  admission: CatalogueAdmissionOptions = DEFAULT_ADMISSION,
): ProvidersStores {
  return {
    db,
    providers: new ProviderStore(db),
    catalogue: new CatalogueStore(db),
    searches: new SearchCache(cache),
    admission: new CatalogueAdmission(admission),
  };
}
