import 'reflect-metadata';
import { runSubgraphMain } from '@hb/kit';
import { budgetsSubgraph } from './subgraph';

runSubgraphMain(budgetsSubgraph);
