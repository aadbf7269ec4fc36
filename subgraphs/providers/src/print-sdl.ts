import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildProvidersSchema } from './schema';

buildProvidersSchema().then(
  (schema) => process.stdout.write(printSubgraphSchema(schema)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
