import type { BudgetsContext } from '../shared/context.types';

/**
 * Report rows with each service type as this subgraph serves it everywhere (name and classes),
 * not just the code the figures carry; a code the catalogue no longer knows stays as it is.
 */
export function withServedServiceTypes<R extends { serviceType: { code: string } | null }>(
  rows: readonly R[],
  ctx: BudgetsContext,
) {
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      serviceType: row.serviceType
        ? ((await ctx.loaders.serviceType.load(row.serviceType.code)) ?? row.serviceType)
        : null,
    })),
  );
}
