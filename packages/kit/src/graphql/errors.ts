import { GraphQLError } from 'graphql';

/** Error codes of CONTRACT.md for failures that are not a mutation's expected errors. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND';

function error(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export const unauthenticated = (message = 'Sign in to see this.'): GraphQLError =>
  error('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this.'): GraphQLError =>
  error('FORBIDDEN', message);
export const badInput = (message: string): GraphQLError => error('BAD_USER_INPUT', message);
export const notFound = (message = 'Not found.'): GraphQLError => error('NOT_FOUND', message);
