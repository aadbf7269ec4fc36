import 'reflect-metadata';
import { runSubgraphMain } from '@hb/kit';
import { clientsSubgraph } from './subgraph';

runSubgraphMain(clientsSubgraph);
