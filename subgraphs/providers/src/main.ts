import 'reflect-metadata';
import { runSubgraphMain } from '@hb/kit';
import { providersSubgraph } from './subgraph';

runSubgraphMain(providersSubgraph);
