import { allocateByWeights, splitEvenly, sumCents } from './money';

describe('splitEvenly', () => {
  it.each([
    [100, 3, [34, 33, 33]],
    [101, 3, [34, 34, 33]],
    [1536000, 12, new Array<number>(12).fill(128000)],
    [1000, 12, [84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83]],
    [5, 12, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]],
    [0, 4, [0, 0, 0, 0]],
  ])('%i over %i parts → %j', (total, parts, expected) => {
    const result = splitEvenly(total, parts);
    expect(result).toEqual(expected);
    expect(sumCents(result)).toBe(total);
  });
});

describe('allocateByWeights', () => {
  it.each([
    // 100×5/12 = 41.67, 41.67, 16.67: equal remainders, so the 2 leftover cents go to the earliest.
    [100, [5, 5, 2], [42, 42, 16]],
    // 100×1/6 = 16.67 has a larger remainder than 100×5/6 = 83.33, whatever the order.
    [100, [5, 1], [83, 17]],
    [100, [1, 5], [17, 83]],
    [100, [1, 1, 1], [34, 33, 33]],
    [10, [0, 1, 1], [0, 5, 5]],
    [7, [0, 3, 0, 1], [0, 5, 0, 2]],
    [3712000, [3, 3, 3, 3], [928000, 928000, 928000, 928000]],
    [1, [7, 5], [1, 0]],
    [Number.MAX_SAFE_INTEGER, [1, 2], [3002399751580330, 6004799503160661]],
  ])('%i by %j → %j', (total, weights, expected) => {
    const result = allocateByWeights(total, weights);
    expect(result).toEqual(expected);
    expect(sumCents(result)).toBe(total);
  });

  it.each([
    [-1, [1]],
    [1.5, [1]],
    [10, []],
    [10, [0, 0]],
    [10, [1, -1]],
    [10, [0.5, 1]],
  ])('throws for total %d and weights %j', (total, weights) => {
    expect(() => allocateByWeights(total, weights)).toThrow(RangeError);
  });
});
