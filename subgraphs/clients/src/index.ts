export { clientsSubgraph } from './subgraph';
export { buildClientsSchema } from './schema';
