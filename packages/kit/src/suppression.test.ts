import {
  exposedRows,
  suppressBreakdown,
  suppressTable,
  suppressTables,
  type SuppressionTable,
  type TableSum,
} from './suppression';

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe('rows that add up to a total', () => {
  it.each([
    ['no small group: nothing hidden', 20, [10, 10], false, [false, false]],
    ['the lone row and the smallest other row', 20, [10, 7, 3], false, [false, true, true]],
    ['the smallest other row, not the first', 30, [7, 20, 3], false, [true, false, true]],
    ['of two equally small rows, the first', 17, [6, 6, 5, 1], false, [false, false, true, true]],
    ['two small rows protect each other', 20, [12, 4, 4], false, [false, true, true]],
    ['a total of 1–4 hides everything', 4, [3, 1], true, [true, true]],
    ['a zero row is shown and never used to protect', 11, [0, 2, 9], false, [false, true, true]],
    ['nothing to hide without rows', 0, [], false, []],
    ['an empty table shows its zero total', 0, [0], false, [false]],
  ])('%s', (_name, total, rows, totalHidden, rowsHidden) => {
    expect(suppressBreakdown(total, rows)).toEqual({ total: totalHidden, rows: rowsHidden });
  });

  it('hides the total when a lone small row has no other row to hide', () => {
    // Distinct clients need not add up (a client in two rows), but the money does: the only
    // row's money is the total's money.
    expect(suppressBreakdown(6, [4])).toEqual({ total: true, rows: [true] });
    expect(suppressBreakdown(6, [4, 0])).toEqual({ total: true, rows: [true, false] });
  });

  it('answers the same structure the same way, whatever a caller did with an earlier answer', () => {
    const table: SuppressionTable = {
      rows: [
        { id: 'total', clients: 20 },
        { id: 'a', clients: 17 },
        { id: 'b', clients: 3 },
      ],
      sums: [{ total: 'total', parts: ['a', 'b'] }],
    };
    const first = suppressTable(table);
    first.delete('a');
    expect(sorted(suppressTable(table))).toEqual(['a', 'b']);
  });

  it('refuses counts that are not counts', () => {
    expect(() => suppressBreakdown(5, [-1])).toThrow(RangeError);
    expect(() => suppressBreakdown(Number.NaN, [])).toThrow(RangeError);
  });
});

describe('many breakdowns (seeded)', () => {
  // A small linear congruential generator: the same cases on every run.
  let seed = 14;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };

  it('leave no sum with exactly one hidden row, and hide the smallest rows that do it', () => {
    for (let round = 0; round < 300; round++) {
      const rows = Array.from({ length: 1 + next(8) }, () => (next(3) === 0 ? next(5) : next(40)));
      const total = rows.reduce((a, b) => a + b, 0);
      const { total: totalHidden, rows: hidden } = suppressBreakdown(total, rows);
      const hiddenCount = hidden.filter(Boolean).length + (totalHidden ? 1 : 0);
      expect({ rows, hiddenCount: hiddenCount === 1 ? 1 : 'not one' }).toEqual({
        rows,
        hiddenCount: 'not one',
      });
      const small = rows.filter((n) => n > 0 && n < 5).length;
      // Beside the small ones, at most one more row (or the total), and the smallest shown one
      // is never larger than a row hidden only to protect.
      expect(hiddenCount - small).toBeLessThanOrEqual(totalHidden && total >= 5 ? 2 : 1);
      const extra = rows.filter((n, i) => hidden[i] && n >= 5);
      const shown = rows.filter((n, i) => !hidden[i] && n > 0);
      for (const e of extra) for (const s of shown) expect(e).toBeLessThanOrEqual(s);
    }
  });
});

/** The budgets report: costs per service type and money per provider share one total. */
function budgetsTable(costs: number[], providers: number[], total: number): SuppressionTable {
  const c = costs.map((_, i) => `cost:${i}`);
  const p = providers.map((_, i) => `provider:${i}`);
  return {
    rows: [
      { id: 'total', clients: total },
      ...costs.map((clients, i) => ({ id: c[i]!, clients })),
      ...providers.map((clients, i) => ({ id: p[i]!, clients })),
    ],
    sums: [
      { total: 'total', parts: c },
      { total: 'total', parts: p },
    ],
  };
}

describe('two breakdowns of one total', () => {
  it('protects each breakdown on its own when the total can stay', () => {
    expect(sorted(suppressTable(budgetsTable([6, 2], [5, 1], 7)))).toEqual([
      'cost:0',
      'cost:1',
      'provider:0',
      'provider:1',
    ]);
    expect(sorted(suppressTable(budgetsTable([6, 9], [5, 1, 8], 12)))).toEqual([
      'provider:0',
      'provider:1',
    ]);
  });

  it('hides the total for a lone provider, and then a cost row so the total cannot be rebuilt', () => {
    expect(sorted(suppressTable(budgetsTable([6, 6], [1], 12)))).toEqual([
      'cost:0',
      'provider:0',
      'total',
    ]);
  });
});

/** A table of counts with row, column and grand totals. */
function crossTable(cells: number[][]): SuppressionTable {
  const id = (r: number, c: number) => `${r},${c}`;
  const rows = cells.map((_, r) => `R${r}`);
  const columns = cells[0]!.map((_, c) => `C${c}`);
  const sums: TableSum[] = [
    ...cells.map((line, r) => ({ total: rows[r]!, parts: line.map((_, c) => id(r, c)) })),
    ...columns.map((col, c) => ({ total: col, parts: cells.map((_, r) => id(r, c)) })),
    { total: 'G', parts: rows },
    { total: 'G', parts: columns },
  ];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    rows: [
      ...cells.flatMap((line, r) => line.map((clients, c) => ({ id: id(r, c), clients }))),
      ...cells.map((line, r) => ({ id: rows[r]!, clients: sum(line) })),
      ...columns.map((col, c) => ({ id: col, clients: sum(cells.map((line) => line[c]!)) })),
      { id: 'G', clients: sum(cells.flat()) },
    ],
    sums,
  };
}

describe('inner cells that are never published', () => {
  // Money by service type (D, Tr, X) and by provider (pA, pB, pX), both adding up to the total;
  // money by service and provider is never shown, but which provider serves which service is
  // public (the catalogue). pB's 7 clients: 4 in D, 3 in Tr.
  const rows = [
    { id: 'total', clients: 21 },
    { id: 'D', clients: 10 },
    { id: 'Tr', clients: 3 },
    { id: 'X', clients: 8 },
    { id: 'pA', clients: 6 },
    { id: 'pB', clients: 7 },
    { id: 'pX', clients: 8 },
  ];
  const cells = [
    { id: 'D·pA', clients: 6, published: false },
    { id: 'D·pB', clients: 4, published: false },
    { id: 'Tr·pB', clients: 3, published: false },
    { id: 'X·pX', clients: 8, published: false },
  ];
  const margins: TableSum[] = [
    { total: 'total', parts: ['D', 'Tr', 'X'] },
    { total: 'total', parts: ['pA', 'pB', 'pX'] },
  ];
  const inner: TableSum[] = [
    { total: 'D', parts: ['D·pA', 'D·pB'] },
    { total: 'Tr', parts: ['Tr·pB'] },
    { total: 'X', parts: ['X·pX'] },
    { total: 'pA', parts: ['D·pA'] },
    { total: 'pB', parts: ['D·pB', 'Tr·pB'] },
    { total: 'pX', parts: ['X·pX'] },
  ];

  it('without them, hiding transport and the smallest other service looks enough', () => {
    expect(sorted(suppressTable({ rows, sums: margins }))).toEqual(['Tr', 'X']);
  });

  it('with them, that leaves transport = pB − (D − pA), so more is hidden', () => {
    const table = { rows: [...rows, ...cells], sums: [...margins, ...inner] };
    expect(exposedRows(table, new Set(['Tr', 'X']))).toEqual(
      expect.arrayContaining(['Tr', 'Tr·pB', 'D·pB']),
    );
    const hidden = suppressTable(table);
    expect(hidden.has('Tr')).toBe(true);
    expect([...hidden].some((id) => id.includes('·'))).toBe(false); // never a cell: not shown anyway
    const exposed = exposedRows(table, hidden);
    for (const small of ['Tr', 'D·pB', 'Tr·pB']) expect(exposed).not.toContain(small);
    // D rather than the smaller X: with D hidden, pB's split between D and Tr is unknown.
    expect(sorted(hidden)).toEqual(['D', 'Tr']);
  });
});

describe('figures that add up differently', () => {
  // Budget money (granted, paid out…) adds up by service type only; charges add up by service
  // type and by provider, and from the cells of both. Nobody charged transport: its charges are
  // a known zero, not a figure to protect.
  const rows = [
    { id: 'total', clients: 7 },
    { id: 'D', clients: 6 },
    { id: 'Tr', clients: 2 },
    { id: 'p1', clients: 5 },
    { id: 'p2', clients: 1 },
  ];
  const budgets: SuppressionTable = {
    rows: rows.filter((r) => !r.id.startsWith('p')),
    sums: [{ total: 'total', parts: ['D', 'Tr'] }],
  };
  const charges: SuppressionTable = {
    rows: [
      ...rows.map((r) => (r.id === 'Tr' ? { ...r, known: true } : r)),
      { id: 'D·p1', clients: 5, published: false },
      { id: 'D·p2', clients: 1, published: false },
    ],
    sums: [
      { total: 'total', parts: ['D', 'Tr'] },
      { total: 'total', parts: ['p1', 'p2'] },
      { total: 'D', parts: ['D·p1', 'D·p2'] },
      { total: 'p1', parts: ['D·p1'] },
      { total: 'p2', parts: ['D·p2'] },
    ],
  };

  it('hides each breakdown’s complement and keeps the total', () => {
    expect(sorted(suppressTables([budgets, charges]))).toEqual(['D', 'Tr', 'p1', 'p2']);
  });

  it('would hide the total too if the known zero counted as a secret', () => {
    const unknown = { ...charges, rows: charges.rows.map((r) => ({ ...r, known: false })) };
    expect(suppressTables([budgets, unknown]).has('total')).toBe(true);
  });

  it('refuses a row that differs between tables', () => {
    expect(() =>
      suppressTables([
        { rows: [{ id: 'a', clients: 1 }], sums: [] },
        { rows: [{ id: 'a', clients: 2 }], sums: [] },
      ]),
    ).toThrow(RangeError);
  });
});

describe('tables with several dimensions', () => {
  it('a 2×2 table loses all four cells to protect one', () => {
    // a is alone in its row and column; c (8) is the smallest partner, then b, then d.
    expect(
      sorted(
        suppressTable(
          crossTable([
            [3, 10],
            [8, 12],
          ]),
        ),
      ),
    ).toEqual(['0,0', '0,1', '1,0', '1,1']);
  });

  it('a 3×3 table hides a rectangle of the smallest partners and keeps the margins', () => {
    const table = crossTable([
      [2, 9, 20],
      [7, 30, 40],
      [25, 6, 50],
    ]);
    const hidden = suppressTable(table);
    expect(sorted(hidden)).toEqual(['0,0', '0,1', '1,0', '1,1']);
    expect(exposedRows(table, hidden)).toEqual([]);
  });

  it('two hidden cells in every row and column are not always enough', () => {
    // Two 2×2 blocks joined by one cell (1,2): every row and column has two or more hidden
    // cells, yet the first block's row sums minus its column sums give (1,2) exactly.
    const table = crossTable([
      [10, 10, 10, 10],
      [10, 10, 10, 10],
      [10, 10, 10, 10],
      [10, 10, 10, 10],
    ]);
    const pattern = new Set(['0,0', '0,1', '1,0', '1,1', '1,2', '2,2', '2,3', '3,2', '3,3']);
    expect(exposedRows(table, pattern)).toEqual(['1,2']);

    const small = crossTable([
      [1, 2, 9, 9],
      [3, 4, 1, 9],
      [9, 9, 2, 3],
      [9, 9, 4, 1],
    ]);
    const hidden = suppressTable(small);
    for (const id of pattern) expect(hidden.has(id)).toBe(true);
    expect(hidden.size).toBeGreaterThan(pattern.size);
    expect(exposedRows(small, hidden)).toEqual([]);
  });
});

describe('exposed rows', () => {
  const table: SuppressionTable = {
    rows: [
      { id: 'total', clients: 20 },
      { id: 'a', clients: 10 },
      { id: 'b', clients: 7 },
      { id: 'c', clients: 3 },
    ],
    sums: [{ total: 'total', parts: ['a', 'b', 'c'] }],
  };

  it.each([
    [[], []],
    [['c'], ['c']],
    [['b', 'c'], []],
    [['total'], ['total']],
    [['total', 'c'], []],
    [['total', 'a', 'b', 'c'], []],
  ])('hiding %j exposes %j', (hidden, exposed) => {
    expect(exposedRows(table, new Set(hidden))).toEqual(exposed);
  });

  it('a row in no sum is never exposed', () => {
    expect(exposedRows({ rows: [{ id: 'x', clients: 1 }], sums: [] }, new Set(['x']))).toEqual([]);
  });

  it('refuses sums over unknown or repeated rows, and repeated row ids', () => {
    expect(() =>
      exposedRows(
        { rows: [{ id: 'a', clients: 1 }], sums: [{ total: 'a', parts: ['b'] }] },
        new Set(),
      ),
    ).toThrow(RangeError);
    expect(() =>
      suppressTable({
        rows: [
          { id: 'a', clients: 1 },
          { id: 'b', clients: 1 },
        ],
        sums: [{ total: 'a', parts: ['b', 'b'] }],
      }),
    ).toThrow(RangeError);
    expect(() =>
      suppressTable({
        rows: [
          { id: 'a', clients: 1 },
          { id: 'a', clients: 2 },
        ],
        sums: [],
      }),
    ).toThrow(RangeError);
  });
});
