import type { SubgraphDefinition } from '@hb/kit';
import { createStores, extendContext, type ClientsContext } from './context';
import { clientsDatabase } from './entities';
import { buildClientsSchema } from './schema';
import { seedClientsDemo } from './seed/demo.seed';

/** The clients subgraph: clients, their teams and consents, municipalities, staff, access log. */
export const clientsSubgraph: SubgraphDefinition<ClientsContext> = {
  name: 'clients',
  defaultPort: 4001,
  database: clientsDatabase,
  buildSchema: buildClientsSchema,
  runtime: ({ database }) => ({ extendContext: extendContext(createStores(database.dataSource)) }),
  seedDemo: seedClientsDemo,
};
