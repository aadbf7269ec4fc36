/**
 * `value`, or an error naming what was missing: the bench's check where an array index, a
 * lookup or a parsed answer has no value only if the bench itself is broken.
 */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`bench: no ${what}`);
  return value;
}
