import type { BudgetsContext } from '../shared/context.types';

/** `_entities` for Report goes through the same authorization as `report(...)`. */
export const reportReferenceResolvers = {
  Report: {
    __resolveReference: (ref: { municipalityCode: string; year: number }, ctx: BudgetsContext) =>
      ctx.reports.get(ref.municipalityCode, ref.year),
  },
};
