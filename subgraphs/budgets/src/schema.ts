import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import { BudgetResolver } from './budget/budget.resolver';
import { LedgerResolver, TransactionPayloadResolver } from './ledger/ledger.resolver';
import { HbClassResolver, ServiceTypeResolver } from './service-type/service-type.resolver';
import { ClientBudgetsResolver } from './client/client.resolver';
import { budgetsReferenceResolvers } from './budget/budget.reference';
import { BudgetChangeResolver } from './event/budget-change.resolver';
import { ReportResolver } from './report/report.resolver';
import { OrganiserReportResolver } from './report/organiser-report.resolver';
import { OrganiserYearResolver } from './ledger/organiser-year.resolver';
import { reportReferenceResolvers } from './report/report.reference';
import {
  BudgetCommitmentsResolver,
  ChargeResolver,
  CommitmentResolver,
  TransactionCommitmentResolver,
} from './commitment/commitment.resolver';
import { commitmentReferenceResolvers } from './commitment/commitment.reference';
import {
  ChargeSettlementResolver,
  PaymentBatchLineResolver,
  PaymentBatchResolver,
  TransactionSettlementResolver,
} from './settlement/settlement.resolver';
import { settlementReferenceResolvers } from './settlement/settlement.reference';
import { AlertResolver } from './alert/alert.resolver';
import { CaseloadResolver } from './caseload/caseload.resolver';
import { InboxResolver } from './inbox/inbox.resolver';
import { ConcernResolver } from './concern/concern.resolver';
import { NotificationResolver } from './notification/notification.resolver';
import {
  BudgetExpensesResolver,
  CommitmentExpensesResolver,
  ExpenseResolver,
} from './expense/expense.resolver';
import {
  BudgetDecisionsResolver,
  BudgetPayloadDecisionResolver,
  DecisionResolver,
  decisionReferenceResolvers,
} from './decision/decision.resolver';

const NO_PUBSUB = {
  publish: (): void => {
    throw new Error('The budgets subgraph publishes through its outbox, not a PubSub.');
  },
  subscribe: (): never => {
    throw new Error('The budgets subgraph subscribes through its outbox, not a PubSub.');
  },
};
import { Client, Provider } from './budget/budget.type';

/** The budgets subgraph schema; needs no database, so `pnpm compose` can print it. */
export function buildBudgetsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        BudgetChangeResolver,
        BudgetResolver,
        LedgerResolver,
        TransactionPayloadResolver,
        ServiceTypeResolver,
        HbClassResolver,
        ClientBudgetsResolver,
        ReportResolver,
        OrganiserReportResolver,
        OrganiserYearResolver,
        CommitmentResolver,
        ChargeResolver,
        TransactionCommitmentResolver,
        BudgetCommitmentsResolver,
        PaymentBatchResolver,
        PaymentBatchLineResolver,
        TransactionSettlementResolver,
        ChargeSettlementResolver,
        AlertResolver,
        CaseloadResolver,
        InboxResolver,
        ConcernResolver,
        NotificationResolver,
        ExpenseResolver,
        BudgetExpensesResolver,
        CommitmentExpensesResolver,
        DecisionResolver,
        BudgetDecisionsResolver,
        BudgetPayloadDecisionResolver,
      ],
      orphanedTypes: [Client, Provider],
      validate: false,
      // Subscriptions here bring their own event source (the outbox feed), not a PubSub.
      pubSub: NO_PUBSUB,
    },
    {
      ...budgetsReferenceResolvers,
      ...reportReferenceResolvers,
      ...commitmentReferenceResolvers,
      ...settlementReferenceResolvers,
      ...decisionReferenceResolvers,
    },
  );
}
