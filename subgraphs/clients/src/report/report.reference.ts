import type { ClientsContext } from '../shared/context.types';
import type { ReportRef } from './report.service';

/** `_entities` for Report: the same authorization as the budgets subgraph's `report(...)`. */
export const clientReportReferenceResolvers = {
  Report: {
    __resolveReference: (ref: ReportRef, ctx: ClientsContext) => ctx.reports.get(ref),
  },
};
