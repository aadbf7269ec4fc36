import type { PlansContext } from '../shared/context.types';
import type { ReportKey } from './report.service';

/** `_entities` for Report: the same authorization as the budgets subgraph's `report(...)`. */
export const planReportReferenceResolvers = {
  Report: {
    __resolveReference: (ref: ReportKey, ctx: PlansContext) => ctx.reports.get(ref),
  },
};
