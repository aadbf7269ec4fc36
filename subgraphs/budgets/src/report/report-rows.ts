/**
 * The rows of a municipality's report and which of them to hide: row ids and the tables of
 * sums they make up. Pure: no TypeORM, no GraphQL.
 */
import { suppressTable, suppressTables } from '@hb/kit';
import type {
  AlertCountRow,
  CostRow,
  GroupCostRow,
  ProviderMoneyRow,
  ReportFigures,
  ServiceProviderCell,
} from './report-figures';

export const TOTAL_ROW = 'total';
export const costRow = (r: CostRow) => `cost:${String(r.serviceTypeCode)}`;
export const providerRow = (r: ProviderMoneyRow) => `provider:${r.providerId}`;
/**
 * A client group's row; the only group of a service type has the service's own figures, so it
 * is that row (shown or hidden with it), not another.
 */
export const groupRow = (r: GroupCostRow, all: readonly GroupCostRow[]) =>
  all.filter((g) => g.serviceTypeCode === r.serviceTypeCode).length === 1
    ? `cost:${r.serviceTypeCode}`
    : `group:${r.serviceTypeCode}|${r.hbClassId ?? 'none'}`;
export const alertRow = (r: AlertCountRow) => `alert:${r.kind}`;

/** The figures of a report and the rows to hide. */
export interface ShownFigures {
  figures: ReportFigures;
  hidden: Set<string>;
}

/**
 * The rows of this subgraph's tables to hide: small groups and whatever else would let a
 * reader compute them back. Two kinds of figures add up differently:
 * - the budgets' money (granted, paid out, lapsed, budget count) by service type to the total;
 * - the charges (spent, pending) also by provider to the total, and both from the unpublished
 *   cells of service type and provider, which a reader who knows who serves what could use to
 *   subtract across the two tables. A service nobody charged has known zero charges.
 * - the client groups (service type and HB class): every figure of a service type's row is
 *   the sum of its groups'.
 * The alert kinds have no total anywhere and only hide themselves.
 */
export function hiddenRows(f: ReportFigures): Set<string> {
  const cellId = (c: ServiceProviderCell) => `cell:${c.serviceTypeCode}|${c.providerId}`;
  const total = { id: TOTAL_ROW, clients: f.total.clientCount };
  const costs = f.costs.map((r) => ({ id: costRow(r), clients: r.clientCount }));
  const charged = new Set(f.cells.map((c) => c.serviceTypeCode));
  const sumOfCosts = { total: TOTAL_ROW, parts: costs.map((r) => r.id) };
  const split = f.groups.filter((g) => groupRow(g, f.groups).startsWith('group:'));
  const groups = split.map((g) => ({ id: groupRow(g, f.groups), clients: g.clientCount }));
  const byGroup = f.costs
    .map((r) => ({
      total: costRow(r),
      parts: split
        .filter((g) => g.serviceTypeCode === r.serviceTypeCode)
        .map((g) => groupRow(g, f.groups)),
    }))
    .filter((sum) => sum.parts.length > 0);
  const inner = [
    ...f.costs.map((r) => ({
      total: costRow(r),
      parts: f.cells.filter((c) => c.serviceTypeCode === r.serviceTypeCode).map(cellId),
    })),
    ...f.providers.map((r) => ({
      total: providerRow(r),
      parts: f.cells.filter((c) => c.providerId === r.providerId).map(cellId),
    })),
  ].filter((sum) => sum.parts.length > 0);
  const money = suppressTables([
    { rows: [total, ...costs, ...groups], sums: [sumOfCosts, ...byGroup] },
    {
      rows: [
        total,
        ...f.costs.map((r) => ({
          id: costRow(r),
          clients: r.clientCount,
          known: !charged.has(r.serviceTypeCode ?? ''),
        })),
        ...f.providers.map((r) => ({ id: providerRow(r), clients: r.clientCount })),
        ...f.cells.map((c) => ({ id: cellId(c), clients: c.clientCount, published: false })),
        ...groups,
      ],
      sums: [
        sumOfCosts,
        { total: TOTAL_ROW, parts: f.providers.map(providerRow) },
        ...inner,
        ...byGroup,
      ],
    },
  ]);
  const alerts = suppressTable({
    rows: f.alerts.map((r) => ({ id: alertRow(r), clients: r.clientCount })),
    sums: [],
  });
  return new Set([...money, ...alerts]);
}
