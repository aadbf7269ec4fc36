import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildBudgetsSchema } from './schema';

buildBudgetsSchema().then(
  (schema) => process.stdout.write(printSubgraphSchema(schema)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
