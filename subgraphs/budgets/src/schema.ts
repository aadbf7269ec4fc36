import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import { BudgetResolver } from './budget/budget.resolver';
import { ClientBudgetsResolver } from './client/client.resolver';
import { Client } from './client/client.type';

export function buildBudgetsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [BudgetResolver, ClientBudgetsResolver], orphanedTypes: [Client], validate: false },
    {
      Budget: { __resolveReference: () => null },
      ServiceType: { __resolveReference: () => null },
    },
  );
}
