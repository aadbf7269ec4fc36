import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import { BudgetResolver } from './budget/budget.resolver';
import { LedgerResolver } from './ledger/ledger.resolver';
import { HbClassResolver, ServiceTypeResolver } from './service-type/service-type.resolver';
import { ClientBudgetsResolver } from './client/client.resolver';
import { budgetsReferenceResolvers } from './budget/budget.reference';
import { Client, Provider } from './budget/budget.type';

/** The budgets subgraph schema; needs no database, so `pnpm compose` can print it. */
export function buildBudgetsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [BudgetResolver, LedgerResolver, ServiceTypeResolver, HbClassResolver, ClientBudgetsResolver],
      orphanedTypes: [Client, Provider],
      validate: false,
    },
    budgetsReferenceResolvers as never,
  );
}
