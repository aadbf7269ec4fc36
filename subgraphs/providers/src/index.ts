export { providersSubgraph } from './subgraph';
export { buildProvidersSchema } from './schema';
