import type { CostRow, ReportFigures } from './report-figures';
import { organiserCosts, sumCosts, type MunicipalityPart } from './organiser-figures';
import { TOTAL_ROW, costRow } from './report-rows';

const cost = (serviceTypeCode: string | null, clientCount: number): CostRow => ({
  serviceTypeCode,
  clientCount,
  budgetCount: clientCount,
  grantedCents: clientCount * 100_000,
  paidOutCents: clientCount,
  spentCents: 2 * clientCount,
  pendingCents: 3 * clientCount,
  lapsedCents: 4 * clientCount,
});

/** A municipality's report: its services and the rows its own report hides. */
const part = (
  municipalityCode: string,
  services: Array<[string, number]>,
  hidden: string[] = [],
): MunicipalityPart => {
  const costs = services.map(([code, n]) => cost(code, n));
  const figures: ReportFigures = {
    hbClientCount: 0,
    costs,
    total: cost(
      null,
      costs.reduce((n, c) => n + c.clientCount, 0),
    ),
    groups: [],
    providers: [],
    cells: [],
    alerts: [],
    budgets: [],
  };
  return { municipalityCode, figures, hidden: new Set(hidden) };
};

describe('sumCosts', () => {
  it('adds every figure and names the row', () => {
    expect(sumCosts([cost('A', 2), cost('A', 3)], 'A')).toEqual(cost('A', 5));
    expect(sumCosts([], null)).toEqual(cost(null, 0));
  });
});

describe('organiserCosts', () => {
  it.each<[string, MunicipalityPart[], boolean, Array<[string, boolean]>]>([
    [
      'a total that, less the shown municipality, gives a hidden one back',
      [part('837', [['DAY', 6]]), part('536', [['DAY', 2]], [TOTAL_ROW, costRow(cost('DAY', 2))])],
      true,
      [['DAY', true]],
    ],
    [
      'a shown total, and a service that would give back a hidden cell',
      [
        part(
          '837',
          [
            ['DAY', 6],
            ['RESPITE', 1],
          ],
          [costRow(cost('DAY', 6)), costRow(cost('RESPITE', 1))],
        ),
        part('536', [['DAY', 5]]),
      ],
      false,
      [
        ['DAY', true],
        ['RESPITE', true],
      ],
    ],
    [
      'everything shown where every municipality shows everything',
      [part('837', [['DAY', 6]]), part('536', [['DAY', 5]])],
      false,
      [['DAY', false]],
    ],
  ])('%s', (_name, parts, totalHidden, costs) => {
    const result = organiserCosts(parts);
    expect(result.total.hidden).toBe(totalHidden);
    expect(result.total.row.clientCount).toBe(
      parts.reduce((n, p) => n + p.figures.total.clientCount, 0),
    );
    expect(result.costs.map((c) => [c.row.serviceTypeCode, c.hidden])).toEqual(costs);
  });

  it('refuses a service row without its service type', () => {
    const broken = part('837', [['DAY', 6]]);
    broken.figures.costs.push(cost(null, 6));
    expect(() => organiserCosts([broken])).toThrow('without its service type');
  });
});
