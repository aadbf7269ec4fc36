import type { SubgraphDefinition } from '@hb/kit';
import { createStores, extendContext, type ProvidersContext } from './context';
import { providersDatabase } from './entities';
import { buildProvidersSchema } from './schema';
import { seedProvidersDemo } from './seed/demo.seed';

/** The providers subgraph: provider registry, approval workflow, offerings, catalogue search. */
export const providersSubgraph: SubgraphDefinition<ProvidersContext> = {
  name: 'providers',
  defaultPort: 4003,
  database: providersDatabase,
  buildSchema: buildProvidersSchema,
  runtime: ({ database }) => ({ extendContext: extendContext(createStores(database.dataSource)) }),
  seedDemo: seedProvidersDemo,
};
