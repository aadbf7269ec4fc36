import type { RequestContext } from '@hb/kit';
import type { Directories } from './directory/directories';
import { PlanService } from './plan/plan.service';
import { FeedbackService } from './feedback/feedback.service';
import { PlanReportService } from './report/report.service';
import { PlanReportStore } from './report/report.store';
import { ComplaintService } from './feedback/complaint.service';
import { ProposalService } from './proposal/proposal.service';
import { ChangeRequestStore } from './change-request/change-request.store';
import { ChangeRequestService } from './change-request/change-request.service';
import { PlanAttentionService } from './attention/attention.service';
import { AttentionStore } from './attention/attention.store';
import type { PlansStores } from './shared/stores';
import { createLoaders } from './shared/loaders';
import type { PlansContext } from './shared/context.types';

/**
 * The composition root: builds each request's services from the shared stores. The types
 * services share live in shared/ (stores, loaders, context.types), so nothing here is imported
 * back by the code it wires.
 */
export function extendContext(stores: PlansStores, directories: Directories) {
  return (base: RequestContext): PlansContext => {
    const loaders = createLoaders(stores, directories, base);
    const plans = new PlanService(stores, base, loaders, directories);
    return {
      ...base,
      loaders,
      plans,
      feedback: new FeedbackService(stores, base, loaders, directories, plans, stores.feedback),
      complaints: new ComplaintService(stores, stores.feedback, base, loaders, directories),
      reports: new PlanReportService(new PlanReportStore(stores.db), base),
      proposals: new ProposalService(stores, base, loaders, directories),
      changeRequests: new ChangeRequestService(
        stores,
        new ChangeRequestStore(stores.db),
        base,
        loaders,
      ),
      attention: new PlanAttentionService(new AttentionStore(stores.db), base),
    };
  };
}
