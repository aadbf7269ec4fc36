import type { SubgraphDefinition } from '@hb/kit';
import { createStores } from './shared/stores';
import { extendContext } from './context';
import type { PlansContext } from './shared/context.types';
import { graphDirectories } from './directory/graph-directories';
import { plansDatabase } from './entities';
import { buildPlansSchema } from './schema';
import { seedPlansDemo } from './seed/demo.seed';

/**
 * The plans subgraph: implementation plans, their versions, goals and follow-up, allocations
 * of the decided budgets, provider switches and feedback. Reads `CLIENTS_URL`, `BUDGETS_URL`
 * and `PROVIDERS_URL` from the config given to the runtime.
 */
export const plansSubgraph: SubgraphDefinition<PlansContext> = {
  name: 'plans',
  defaultPort: 4004,
  database: plansDatabase,
  buildSchema: buildPlansSchema,
  runtime: ({ database, config }) => ({
    extendContext: extendContext(createStores(database.dataSource), graphDirectories(config)),
  }),
  seedDemo: seedPlansDemo,
};
