import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Config } from '../config/config';
import type { Logger } from '../logger';
import { DEFAULT_DOCUMENT_LIMITS, documentLimits } from './hardening';
import { currentRequestId } from './request-guard';

/** Error codes a client may see unmasked; anything else is an internal error. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'TOO_MANY_REQUESTS',
  // A service refuses work it has no room for (the public catalogue's admission): try again.
  'BUSY',
]);

/**
 * Error formatting shared by the gateway and every subgraph: expected errors keep their code
 * and message; anything else becomes a generic message with the request id to quote, and is
 * logged in full on the server. Stack traces and subgraph names and addresses never leave
 * the process.
 */
export function formatErrorFor(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      // Nor which subgraph answered, nor its address and answer (Apollo's gateway adds them).
      const {
        stacktrace: _stack,
        serviceName: _service,
        response: _response,
        exception: _exception,
        ...extensions
      } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const requestId = currentRequestId();
    logger.error({ err: error, requestId }, 'unexpected error');
    return {
      message: 'Internal server error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
    };
  };
}

/** Apollo Server options common to every process, hardened in production. */
export function commonApolloOptions<T extends BaseContext>(
  config: Config,
  logger: Logger,
  plugins: ApolloServerPlugin<T>[] = [],
): Pick<
  ApolloServerOptions<T>,
  | 'introspection'
  | 'includeStacktraceInErrorResponses'
  | 'hideSchemaDetailsFromClientErrors'
  | 'formatError'
  | 'csrfPrevention'
  | 'plugins'
  | 'logger'
  | 'validationRules'
  | 'allowBatchedHttpRequests'
> {
  const production = config.NODE_ENV === 'production';
  const limits = documentLimits<T>(DEFAULT_DOCUMENT_LIMITS, production);
  return {
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    formatError: formatErrorFor(logger),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    plugins: [...limits.plugins, ...plugins],
    validationRules: limits.validationRules,
    logger,
  };
}
