import { refusalError, type SubgraphRefusal } from './subgraph-refusal';

const URL = 'http://providers.internal:4003/graphql';
const error = (message: string, code?: string) => ({
  errors: [{ message, ...(code ? { extensions: { code } } : {}) }],
});

/** [case, refusal, message the caller sees, code, http extension] */
const CASES: Array<[string, SubgraphRefusal, string, string | undefined, unknown]> = [
  [
    '401 keeps its message as UNAUTHENTICATED',
    { status: 401, statusText: 'Unauthorized', body: error('Token expired.', 'X') },
    'Token expired.',
    'UNAUTHENTICATED',
    undefined,
  ],
  [
    '403 without a body is FORBIDDEN',
    { status: 403, statusText: 'Forbidden', body: null },
    'Refused.',
    'FORBIDDEN',
    undefined,
  ],
  [
    "400 of the caller's input is BAD_USER_INPUT",
    { status: 400, statusText: 'Bad Request', body: error('Invalid date.', 'BAD_USER_INPUT') },
    'Invalid date.',
    'BAD_USER_INPUT',
    undefined,
  ],
  [
    '400 of a validation failure is BAD_USER_INPUT',
    {
      status: 400,
      statusText: 'Bad Request',
      body: error('Unknown field.', 'GRAPHQL_VALIDATION_FAILED'),
    },
    'Unknown field.',
    'BAD_USER_INPUT',
    undefined,
  ],
  [
    '400 of another code stays internal',
    { status: 400, statusText: 'Bad Request', body: error('oops', 'INTERNAL') },
    `${URL} answered 400 Bad Request: {"errors":[{"message":"oops","extensions":{"code":"INTERNAL"}}]}`,
    undefined,
    undefined,
  ],
  [
    '503 BUSY passes on with its Retry-After',
    {
      status: 503,
      statusText: 'Service Unavailable',
      retryAfter: '3',
      body: error('The catalogue is busy; try again in a moment.', 'BUSY'),
    },
    'The catalogue is busy; try again in a moment.',
    'BUSY',
    { status: 503, headers: new Map([['retry-after', '3']]) },
  ],
  [
    '503 BUSY without Retry-After says one second',
    { status: 503, statusText: 'Service Unavailable', body: error('Busy.', 'BUSY') },
    'Busy.',
    'BUSY',
    { status: 503, headers: new Map([['retry-after', '1']]) },
  ],
  [
    'any other 503 stays internal, its code not told',
    { status: 503, statusText: 'Service Unavailable', body: error('database unavailable', 'X') },
    `${URL} answered 503 Service Unavailable: {"errors":[{"message":"database unavailable","extensions":{"code":"X"}}]}`,
    undefined,
    undefined,
  ],
  [
    'a 500 with a text body stays internal',
    { status: 500, statusText: 'Internal Server Error', body: 'boom' },
    `${URL} answered 500 Internal Server Error: "boom"`,
    undefined,
    undefined,
  ],
];

describe("a subgraph's refusal as the gateway's caller sees it", () => {
  it.each(CASES)('%s', (_case, refusal, message, code, http) => {
    const e = refusalError(URL, refusal);
    expect(e.message).toBe(message);
    expect(e.extensions.code).toBe(code);
    expect(e.extensions.http).toEqual(http);
    // The subgraph's address reaches only the log, through an internal (masked) error.
    if (code) expect(JSON.stringify(e.toJSON())).not.toContain('providers.internal');
  });
});
