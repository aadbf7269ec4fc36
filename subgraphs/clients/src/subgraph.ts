import type { SubgraphDefinition } from '@hb/kit';
import { createStores } from './shared/stores';
import { extendContext } from './context';
import { staffSyncOverGraph } from './client/staff-sync';
import type { ClientsContext } from './shared/context.types';
import { clientsDatabase } from './entities';
import { buildClientsSchema } from './schema';
import { seedClientsDemo } from './seed/demo.seed';

/** The clients subgraph: clients, their teams and consents, municipalities, staff, access log. */
export const clientsSubgraph: SubgraphDefinition<ClientsContext> = {
  name: 'clients',
  defaultPort: 4001,
  database: clientsDatabase,
  buildSchema: buildClientsSchema,
  runtime: ({ database, config }) => ({
    extendContext: extendContext(createStores(database.dataSource), staffSyncOverGraph(config)),
  }),
  seedDemo: seedClientsDemo,
};
