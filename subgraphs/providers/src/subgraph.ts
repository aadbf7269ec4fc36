import type { SubgraphDefinition } from '@hb/kit';
import { createStores } from './shared/stores';
import { extendContext } from './context';
import type { ProvidersContext } from './shared/context.types';
import { providersDatabase } from './entities';
import { buildProvidersSchema } from './schema';
import { seedProvidersDemo } from './seed/demo.seed';

/**
 * The providers subgraph: provider registry, approval workflow, offerings, catalogue search.
 * Reads `CATALOGUE_CACHE_SECONDS` (the public answer cache; 0 switches it off) and
 * `CATALOGUE_CONCURRENCY`/`CATALOGUE_QUEUE` (admission of public searches, which must leave
 * part of the DATABASE_POOL_SIZE connections to staff: checked at boot).
 */
export const providersSubgraph: SubgraphDefinition<ProvidersContext> = {
  name: 'providers',
  defaultPort: 4003,
  database: providersDatabase,
  buildSchema: buildProvidersSchema,
  runtime: ({ database, config }) => {
    if (config.CATALOGUE_CONCURRENCY >= config.DATABASE_POOL_SIZE) {
      throw new Error(
        `CATALOGUE_CONCURRENCY (${config.CATALOGUE_CONCURRENCY}) must be below DATABASE_POOL_SIZE (${config.DATABASE_POOL_SIZE}): public searches would take every connection staff work needs.`,
      );
    }
    return {
      extendContext: extendContext(
        createStores(
          database.dataSource,
          { ttlMs: config.CATALOGUE_CACHE_SECONDS * 1000 },
          { concurrency: config.CATALOGUE_CONCURRENCY, queue: config.CATALOGUE_QUEUE },
        ),
      ),
    };
  },
  seedDemo: seedProvidersDemo,
};
