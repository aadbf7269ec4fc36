export { plansSubgraph } from './subgraph';
export { buildPlansSchema } from './schema';
