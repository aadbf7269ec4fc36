import type { RequestContext, SubgraphDefinition } from '@hb/kit';
import { buildPlansSchema } from './schema';

export const plansSubgraph: SubgraphDefinition<RequestContext> = {
  name: 'plans',
  defaultPort: 4004,
  database: { schema: 'plans', entities: [], migrations: [] },
  buildSchema: buildPlansSchema,
  runtime: () => ({ extendContext: (base) => base }),
};
