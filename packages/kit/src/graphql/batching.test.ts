import { byKeys, groupByKeys } from './batching';

describe('batching helpers', () => {
  const rows = [
    { id: 'a', owner: 'x', areas: ['1', '2'] },
    { id: 'b', owner: 'y', areas: ['2'] },
    { id: 'c', owner: 'x', areas: [] },
  ];

  it.each([
    [
      ['b', 'a'],
      ['b', 'a'],
    ],
    [
      ['zz', 'a'],
      [null, 'a'],
    ],
    [[], []],
  ])('byKeys answers %j in key order', (keys, expected) => {
    expect(byKeys(rows, keys, (r) => r.id).map((r) => r?.id ?? null)).toEqual(expected);
  });

  it.each([
    [
      ['x', 'y', 'none'],
      [['a', 'c'], ['b'], []],
    ],
    [['y'], [['b']]],
  ])('groupByKeys groups %j by one key', (keys, expected) => {
    expect(groupByKeys(rows, keys, (r) => r.owner).map((g) => g.map((r) => r.id))).toEqual(
      expected,
    );
  });

  it('groupByKeys puts a row under every key it has', () => {
    expect(
      groupByKeys(rows, ['2', '1', '3'], (r) => r.areas).map((g) => g.map((r) => r.id)),
    ).toEqual([['a', 'b'], ['a'], []]);
  });
});
