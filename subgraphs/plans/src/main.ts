import 'reflect-metadata';
import { runSubgraphMain } from '@hb/kit';
import { plansSubgraph } from './subgraph';

runSubgraphMain(plansSubgraph);
