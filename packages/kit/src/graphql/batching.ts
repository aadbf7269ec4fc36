/**
 * Helpers for DataLoader batch functions, which must answer in the order of their keys.
 */

/** For each key, the row with that key, or null when there is none. */
export function byKeys<K, V>(
  rows: readonly V[],
  keys: readonly K[],
  keyOf: (row: V) => K,
): Array<V | null> {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((key) => map.get(key) ?? null);
}

/** For each key, every row under it (a row may belong to several keys, e.g. municipalities served). */
export function groupByKeys<K, V>(
  rows: readonly V[],
  keys: readonly K[],
  keysOf: (row: V) => K | readonly K[],
): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const own = keysOf(row);
    for (const key of Array.isArray(own) ? (own as readonly K[]) : [own as K]) {
      const list = map.get(key);
      if (list) list.push(row);
      else map.set(key, [row]);
    }
  }
  return keys.map((key) => map.get(key) ?? []);
}
