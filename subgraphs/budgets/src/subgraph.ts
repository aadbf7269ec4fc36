import type { SubgraphDefinition } from '@hb/kit';
import { createStores, extendContext, type BudgetsContext } from './context';
import { budgetsDatabase } from './entities';
import { buildBudgetsSchema } from './schema';
import { seedBudgetsDemo } from './seed/demo.seed';
import { httpRemoteServices } from './remote/remote-services';

/** The budgets subgraph: service types, HB classes, budgets, instalments, ledger, alerts, events. */
export const budgetsSubgraph: SubgraphDefinition<BudgetsContext> = {
  name: 'budgets',
  defaultPort: 4002,
  database: budgetsDatabase,
  buildSchema: buildBudgetsSchema,
  runtime: ({ database, config }) => ({
    extendContext: extendContext(createStores(database.dataSource), { remote: httpRemoteServices(config) }),
  }),
  seedDemo: seedBudgetsDemo,
};
