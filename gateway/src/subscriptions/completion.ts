import type { ExecutionResult } from 'graphql';
import { asExecutionResult } from './subscriber';

/**
 * What the gateway does with the result of an event's follow-up query:
 * - `deliver` it (data, possibly with field errors that another attempt would not change);
 * - `end` the subscription with it (the subscriber's rights are gone: consent revoked, token
 *   expired);
 * - `retry` it: no result, or only errors that may pass (a subgraph restarting, a dropped
 *   connection), so delivering it would lose the event.
 */
export type CompletionOutcome = 'deliver' | 'end' | 'retry';

const LOST_ACCESS = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);
/** Codes another attempt cannot change: the same query and token get the same answer. */
const PERMANENT = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
]);

export function completionOutcome(result: ExecutionResult | null): CompletionOutcome {
  if (!result) return 'retry';
  const errors = result.errors ?? [];
  if (errors.length === 0) return result.data ? 'deliver' : 'retry';
  const codes = errors.map((e) => {
    const code = e.extensions.code;
    return typeof code === 'string' ? code : '';
  });
  if (codes.some((c) => LOST_ACCESS.has(c))) return 'end';
  if (codes.some((c) => PERMANENT.has(c))) return 'deliver';
  return 'retry';
}

/**
 * The last message of a subscription whose event could not be completed in time: it carries
 * the event's sequence and the `sinceSequence` to resubscribe with, which replays that event.
 */
export function incompleteEvent(sequence: string): ExecutionResult {
  return asExecutionResult({
    errors: [
      {
        message:
          'Could not complete the event. Resubscribe with the given sinceSequence to continue without loss.',
        extensions: {
          code: 'EVENT_INCOMPLETE',
          sequence,
          sinceSequence: (BigInt(sequence) - 1n).toString(),
        },
      },
    ],
  });
}
