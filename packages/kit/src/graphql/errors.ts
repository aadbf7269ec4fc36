import { GraphQLError } from 'graphql';
import type { Principal } from '../auth/principal';

/** Error codes of CONTRACT.md for failures that are not a mutation's expected errors. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND';

function error(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export const unauthenticated = (message = 'Sign in to see this.'): GraphQLError =>
  error('UNAUTHENTICATED', message);

/**
 * The signed-in caller of a request, or `UNAUTHENTICATED` (with `message`, or the default of
 * {@link unauthenticated}) for an anonymous one: for operations that have no public answer,
 * so the refusal comes before any lookup.
 */
export function requirePrincipal(
  ctx: { readonly principal: Principal | null },
  message?: string,
): Principal {
  if (!ctx.principal) throw unauthenticated(message);
  return ctx.principal;
}

export const forbidden = (message = 'You are not allowed to do this.'): GraphQLError =>
  error('FORBIDDEN', message);
export const badInput = (message: string): GraphQLError => error('BAD_USER_INPUT', message);
export const notFound = (message = 'Not found.'): GraphQLError => error('NOT_FOUND', message);
