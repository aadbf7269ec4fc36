import type { RequestContext, SubgraphDefinition } from '@hb/kit';
import { buildProvidersSchema } from './schema';

export const providersSubgraph: SubgraphDefinition<RequestContext> = {
  name: 'providers',
  defaultPort: 4003,
  database: { schema: 'providers', entities: [], migrations: [] },
  buildSchema: buildProvidersSchema,
  runtime: () => ({ extendContext: (base) => base }),
};
