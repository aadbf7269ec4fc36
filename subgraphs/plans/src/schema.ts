import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import { ClientPlansResolver } from './client/client.resolver';
import { Client } from './client/client.type';
import { PlanResolver } from './plan/plan.resolver';

export function buildPlansSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [PlanResolver, ClientPlansResolver], orphanedTypes: [Client], validate: false },
    { ImplementationPlan: { __resolveReference: () => null } },
  );
}
