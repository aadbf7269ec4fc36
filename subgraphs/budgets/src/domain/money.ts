/**
 * Splits `totalCents` into parts proportional to `weights` so that the parts sum exactly to the
 * total (largest-remainder method).
 *
 * Each part first gets the floor of its exact share; the cents left over go one each to the parts
 * with the largest remainders, ties to the earlier part, so the result is deterministic and a
 * part with weight 0 always gets 0. BigInt keeps `total × weight` exact for any safe total.
 *
 * @throws RangeError when the total is not a non-negative safe integer, or the weights are empty,
 *   contain a negative or non-integer value, or sum to 0 (programming errors, not user input).
 */
export function allocateByWeights(totalCents: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) {
    throw new RangeError(`totalCents must be a non-negative safe integer, got ${totalCents}.`);
  }
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError('weights must be a non-empty list of non-negative integers.');
  }
  const weightSum = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (weightSum === 0n) throw new RangeError('weights must not all be 0.');

  const total = BigInt(totalCents);
  const floors = weights.map((w) => (total * BigInt(w)) / weightSum);
  const remainders = weights.map((w) => (total * BigInt(w)) % weightSum);
  const leftover = Number(total - floors.reduce((sum, part) => sum + part, 0n));

  const order = weights
    .map((_, index) => index)
    .sort((a, b) => {
      const ra = remainders[a] ?? 0n;
      const rb = remainders[b] ?? 0n;
      return ra === rb ? a - b : ra > rb ? -1 : 1;
    });
  for (const index of order.slice(0, leftover)) floors[index] = (floors[index] ?? 0n) + 1n;
  return floors.map(Number);
}

/**
 * Splits `totalCents` into `parts` equal parts that sum exactly to the total; the earlier parts
 * get the extra cents (e.g. 100 over 3 → 34, 33, 33).
 */
export function splitEvenly(totalCents: number, parts: number): number[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new RangeError(`parts must be a positive integer, got ${parts}.`);
  }
  return allocateByWeights(totalCents, new Array<number>(parts).fill(1));
}

/** Sums a list of cent amounts. */
export function sumCents(amounts: readonly number[]): number {
  return amounts.reduce((sum, cents) => sum + cents, 0);
}
