import type { UserError } from '../common';

/** A GraphQL or network failure of a mutation, as a payload-style error. */
export function failure(err: unknown): UserError[] {
  return [
    {
      code: 'REQUEST_FAILED',
      message: err instanceof Error ? err.message : String(err),
      field: null,
    },
  ];
}
