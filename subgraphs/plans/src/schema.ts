import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@hb/kit';
import {
  AllocationResolver,
  BudgetAllocationsResolver,
  ClientPlansResolver,
  GoalResolver,
  PlanResolver,
  ProviderSwitchResolver,
} from './plan/plan.resolver';
import { Budget, Client, Offering, Provider, ServiceType } from './external/external.types';
import { plansReferenceResolvers } from './plan/plan.reference';
import { PlanReportResolver, ReportProviderQualityResolver } from './report/report.resolver';
import { planReportReferenceResolvers } from './report/report.reference';
import { Report } from './report/report.type';
import { ComplaintResolver, FeedbackEntryResolver } from './feedback/feedback.resolver';
import {
  ClientProposalResolver,
  ProposalChoiceResolver,
  ProposalResolver,
} from './proposal/proposal.resolver';
import { PlanChangeRequestResolver } from './change-request/change-request.resolver';
import { PlanAttentionResolver } from './attention/attention.resolver';

/** The plans subgraph schema; needs no database, so `pnpm compose` can print it. */
export function buildPlansSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        PlanResolver,
        GoalResolver,
        AllocationResolver,
        ProviderSwitchResolver,
        ClientPlansResolver,
        BudgetAllocationsResolver,
        PlanReportResolver,
        ReportProviderQualityResolver,
        ProposalResolver,
        FeedbackEntryResolver,
        ComplaintResolver,
        ProposalChoiceResolver,
        ClientProposalResolver,
        PlanChangeRequestResolver,
        PlanAttentionResolver,
      ],
      orphanedTypes: [Client, Budget, Provider, Offering, ServiceType, Report],
      validate: false,
    },
    { ...plansReferenceResolvers, ...planReportReferenceResolvers },
  );
}
