import type { CostRow, GroupCostRow, ReportFigures } from './report-figures';
import { TOTAL_ROW, alertRow, costRow, groupRow, hiddenRows, providerRow } from './report-rows';

const cost = (serviceTypeCode: string | null, clientCount: number): CostRow => ({
  serviceTypeCode,
  clientCount,
  budgetCount: clientCount,
  grantedCents: clientCount * 100_000,
  paidOutCents: 0,
  spentCents: 0,
  pendingCents: 0,
  lapsedCents: 0,
});
const group = (serviceTypeCode: string, hbClassId: string | null, n: number): GroupCostRow => ({
  ...cost(serviceTypeCode, n),
  serviceTypeCode,
  hbClassId,
  classLevel: hbClassId ? 1 : null,
});

describe('row ids', () => {
  it.each([
    ['a service type', costRow(cost('TRANSPORT', 5)), 'cost:TRANSPORT'],
    [
      'a provider',
      providerRow({
        providerId: 'p1',
        clientCount: 5,
        chargeCount: 1,
        spentCents: 0,
        pendingCents: 0,
      }),
      'provider:p1',
    ],
    [
      'an alert kind',
      alertRow({ kind: 'OVERUSE', alertCount: 1, clientCount: 1 }),
      'alert:OVERUSE',
    ],
  ])('%s', (_name, id, expected) => {
    expect(id).toBe(expected);
  });

  const only = group('TRANSPORT', 'c1', 6);
  const split = [group('DAY_ACTIVITIES', 'c2', 6), group('DAY_ACTIVITIES', null, 7)];
  it.each([
    ['the only group of a service is the service’s row', only, [only], 'cost:TRANSPORT'],
    ['one of two groups is its own row', split[0], split, 'group:DAY_ACTIVITIES|c2'],
    ['a group without a class', split[1], split, 'group:DAY_ACTIVITIES|none'],
  ])('%s', (_name, row, all, expected) => {
    expect(groupRow(row as GroupCostRow, all)).toBe(expected);
  });
});

describe('hiddenRows', () => {
  const figures = (costs: CostRow[], groups: GroupCostRow[] = []): ReportFigures => ({
    hbClientCount: costs.reduce((n, c) => n + c.clientCount, 0),
    costs,
    total: cost(
      null,
      costs.reduce((n, c) => n + c.clientCount, 0),
    ),
    groups,
    providers: [],
    cells: [],
    alerts: [],
    budgets: [],
  });
  it.each([
    ['nothing small', figures([cost('A', 6), cost('B', 7)]), []],
    [
      'a small service and the smallest other',
      figures([cost('A', 2), cost('B', 7)]),
      ['cost:A', 'cost:B'],
    ],
    ['a small report', figures([cost('A', 3)]), ['cost:A', TOTAL_ROW]],
    [
      'a small group and its sibling',
      figures([cost('A', 9)], [group('A', 'c1', 2), group('A', 'c2', 7)]),
      ['group:A|c1', 'group:A|c2'],
    ],
  ])('%s', (_name, f, hidden) => {
    expect([...hiddenRows(f)].sort()).toEqual(hidden);
  });
});
