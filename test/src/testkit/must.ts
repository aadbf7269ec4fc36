import type { TestPlatform } from './platform';

/** Sends a request and fails loudly when the payload carries errors or no result. */
export async function must<T>(
  platform: TestPlatform,
  field: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<T> {
  const res = await platform.gql<Record<string, { errors?: unknown[] } & Record<string, unknown>>>(
    query,
    variables,
    { token },
  );
  const payload = res.data?.[field];
  if (!payload || res.errors?.length || (payload.errors && payload.errors.length > 0)) {
    throw new Error(`${field} failed: ${JSON.stringify(res)}`);
  }
  return payload as T;
}
