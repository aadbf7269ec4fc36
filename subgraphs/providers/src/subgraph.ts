import type { SubgraphDefinition } from '@hb/kit';
import { createStores } from './shared/stores';
import { extendContext } from './context';
import type { ProvidersContext } from './shared/context.types';
import { providersDatabase } from './entities';
import { buildProvidersSchema } from './schema';
import { seedProvidersDemo } from './seed/demo.seed';

/**
 * The providers subgraph: provider registry, approval workflow, offerings, catalogue search.
 * Reads `CATALOGUE_CACHE_SECONDS` (the public answer cache; 0 switches it off).
 */
export const providersSubgraph: SubgraphDefinition<ProvidersContext> = {
  name: 'providers',
  defaultPort: 4003,
  database: providersDatabase,
  buildSchema: buildProvidersSchema,
  runtime: ({ database, config }) => ({
    extendContext: extendContext(
      createStores(database.dataSource, { ttlMs: config.CATALOGUE_CACHE_SECONDS * 1000 }),
    ),
  }),
  seedDemo: seedProvidersDemo,
};
