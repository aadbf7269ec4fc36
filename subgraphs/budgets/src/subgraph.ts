import type { RequestContext, SubgraphDefinition } from '@hb/kit';
import { buildBudgetsSchema } from './schema';

export const budgetsSubgraph: SubgraphDefinition<RequestContext> = {
  name: 'budgets',
  defaultPort: 4002,
  database: { schema: 'budgets', entities: [], migrations: [] },
  buildSchema: buildBudgetsSchema,
  runtime: () => ({ extendContext: (base) => base }),
};
