import type { RequestContext } from '@hb/kit';
import type { PlanService } from '../plan/plan.service';
import type { FeedbackService } from '../feedback/feedback.service';
import type { PlanReportService } from '../report/report.service';
import type { ComplaintService } from '../feedback/complaint.service';
import type { ProposalService } from '../proposal/proposal.service';
import type { ChangeRequestService } from '../change-request/change-request.service';
import type { PlanAttentionService } from '../attention/attention.service';
import type { PlansLoaders } from './loaders';

/** The request context of the plans subgraph. */
export interface PlansContext extends RequestContext {
  loaders: PlansLoaders;
  plans: PlanService;
  feedback: FeedbackService;
  reports: PlanReportService;
  proposals: ProposalService;
  complaints: ComplaintService;
  changeRequests: ChangeRequestService;
  attention: PlanAttentionService;
}
