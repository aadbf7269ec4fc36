import type { ExecutionResult } from 'graphql';
import { completionOutcome, incompleteEvent } from './completion';
import { asExecutionResult } from './subscriber';

const withErrors = (data: unknown, ...codes: Array<string | undefined>): ExecutionResult =>
  asExecutionResult({
    data,
    errors: codes.map((code) => ({ message: 'x', ...(code ? { extensions: { code } } : {}) })),
  });

describe('completionOutcome', () => {
  it.each<[string, ExecutionResult | null, string]>([
    ['a complete event', { data: { e: { sequence: '1' } } }, 'deliver'],
    ['no result at all (the gateway threw)', null, 'retry'],
    ['neither data nor errors', {}, 'retry'],
    ['a subgraph unreachable', withErrors({ e: null }, 'INTERNAL_SERVER_ERROR'), 'retry'],
    ['an error without a code', withErrors(null, undefined), 'retry'],
    [
      'a partial answer while one subgraph restarts',
      withErrors({ e: {} }, 'INTERNAL_SERVER_ERROR'),
      'retry',
    ],
    ['consent revoked', withErrors({ e: null }, 'FORBIDDEN'), 'end'],
    ['token expired', withErrors(null, 'UNAUTHENTICATED', 'INTERNAL_SERVER_ERROR'), 'end'],
    [
      'bad input another attempt cannot change',
      withErrors({ e: null }, 'BAD_USER_INPUT'),
      'deliver',
    ],
  ])('%s', (_name, result, expected) => {
    expect(completionOutcome(result)).toBe(expected);
  });
});

describe('incompleteEvent', () => {
  it('carries the sequence and the point to resume from, which replays that very event', () => {
    const [error] = incompleteEvent('1000000000000000001').errors!;
    expect(error!.extensions).toEqual({
      code: 'EVENT_INCOMPLETE',
      sequence: '1000000000000000001',
      sinceSequence: '1000000000000000000',
    });
  });
});
