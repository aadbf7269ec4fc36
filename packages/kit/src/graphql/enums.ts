/**
 * Turns a list of string values into the object type-graphql's `registerEnumType` wants, so
 * that one `as const` tuple is the single source of an enum's values in code and schema.
 */
export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}
