export { budgetsSubgraph } from './subgraph';
export { buildBudgetsSchema } from './schema';
