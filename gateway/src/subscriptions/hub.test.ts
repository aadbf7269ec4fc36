import { GraphQLError, type ExecutionResult, type GraphQLField } from 'graphql';
import type { Logger } from '@hb/kit';
import { SubscriptionHub, type RawConnection, type SubscriptionRequest } from './hub';
import type { UpstreamOptions } from './upstream';

const noop = () => undefined;
const logger = { info: noop, warn: noop, error: noop, debug: noop } as unknown as Logger;
const field = { name: 'budgetChanged', args: [] } as unknown as GraphQLField<unknown, unknown>;

/** A socket that records what the hub writes to it. */
function connection(backlog = 0) {
  const frames: Array<{ ids: string[]; payload: unknown }> = [];
  const conn: RawConnection & { frames: typeof frames } = {
    frames,
    backlog,
    send(prefixes, payload) {
      frames.push({
        ids: prefixes.map((p) => (JSON.parse(`${p.toString()}null}`) as { id: string }).id),
        payload: JSON.parse(payload.toString()) as unknown,
      });
    },
  };
  return conn;
}

/** A hub whose upstreams are driven by the test: `emit(token, sequence)`. */
function hub(maxConcurrentFollowUps?: number, maxEventsPerFollowUp?: number) {
  const upstreams = new Map<string, UpstreamOptions>();
  const created = new SubscriptionHub({
    logger,
    upstreamUrls: { budgets: 'ws://budgets.invalid/graphql' },
    ...(maxConcurrentFollowUps ? { maxConcurrentFollowUps } : {}),
    ...(maxEventsPerFollowUp ? { maxEventsPerFollowUp } : {}),
    openUpstream: (options) => {
      upstreams.set(options.authorization ?? '', options);
      return { start: noop, stop: () => Promise.resolve() };
    },
  });
  const emit = (token: string, sequence: string) => upstreams.get(token)?.onEvent(sequence);
  return { hub: created, emit, upstreams };
}

function request(
  token: string,
  id: string,
  conn: RawConnection | null,
  runFollowUp: SubscriptionRequest['runFollowUp'],
  disconnect: () => void = noop,
): SubscriptionRequest {
  return {
    subgraph: 'budgets',
    field,
    args: { budgetId: 'b1' },
    followUp: 'query F($__hbSequence: String!) { budgetChanged: budgetChange { sequence } }',
    variables: { budgetId: 'b1' },
    authorization: token,
    runFollowUp,
    sink: conn ? { connection: conn, prefix: Buffer.from(`{"id":"${id}","payload":`) } : null,
    disconnect,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('SubscriptionHub', () => {
  it("gives each token its own follow-up and writes it only to that token's subscribers, once per socket", async () => {
    const { hub: h, emit } = hub();
    const a = connection();
    const b = connection();
    const asked: string[] = [];
    const followUp =
      (token: string) =>
      (_query: string, vars: Record<string, unknown>): Promise<ExecutionResult> => {
        asked.push(`${token}:${String(vars.__hbSequence)}`);
        return Promise.resolve({ data: { seenBy: token } });
      };
    h.subscribe(request('Bearer one', '1', a, followUp('one')));
    h.subscribe(request('Bearer one', '2', a, followUp('one')));
    h.subscribe(request('Bearer two', '3', a, followUp('two')));
    h.subscribe(request('Bearer one', '4', b, followUp('one')));
    emit('Bearer one', '7');
    emit('Bearer two', '7');
    await settle();
    expect(asked.sort()).toEqual(['one:7', 'two:7']);
    expect(a.frames).toEqual(
      expect.arrayContaining([
        { ids: ['1', '2'], payload: { data: { seenBy: 'one' } } },
        { ids: ['3'], payload: { data: { seenBy: 'two' } } },
      ]),
    );
    expect(a.frames).toHaveLength(2);
    expect(b.frames).toEqual([{ ids: ['4'], payload: { data: { seenBy: 'one' } } }]);
    await h.stop();
  });

  it('queues for a subscriber without a raw sink, and ends a socket that cannot keep up', async () => {
    const { hub: h, emit } = hub();
    const slow = connection(64 * 1024 * 1024);
    let disconnected = 0;
    const result = () => Promise.resolve({ data: { n: 1 } });
    const plain = h.subscribe(request('Bearer one', '1', null, result));
    const lagging = h.subscribe(request('Bearer one', '2', slow, result, () => disconnected++));
    emit('Bearer one', '1');
    await settle();
    expect((await plain.next()).value).toEqual({ data: { n: 1 } });
    expect(slow.frames).toEqual([]);
    expect(lagging.isEnded).toBe(true);
    expect(disconnected).toBe(1);
    await h.stop();
  });

  it('runs at most maxConcurrentFollowUps follow-ups at once', async () => {
    const { hub: h, emit } = hub(2);
    let running = 0;
    let most = 0;
    const followUp = async (): Promise<ExecutionResult> => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return { data: { ok: true } };
    };
    const conns = Array.from({ length: 6 }, () => connection());
    conns.forEach((c, i) => h.subscribe(request(`Bearer t${i}`, '1', c, followUp)));
    conns.forEach((_, i) => emit(`Bearer t${i}`, '3'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(most).toBe(2);
    expect(conns.every((c) => c.frames.length === 1)).toBe(true);
    await h.stop();
  });

  describe('events that arrive together', () => {
    /** A follow-up that answers each event asked for, by its sequence, and records each query. */
    function answering(errors?: (query: string) => ExecutionResult['errors']) {
      const queries: Array<{ query: string; vars: Record<string, unknown> }> = [];
      const run = (query: string, vars: Record<string, unknown>): Promise<ExecutionResult> => {
        queries.push({ query, vars });
        const data: Record<string, unknown> = {};
        if ('__hbSequence' in vars) data.budgetChanged = { sequence: vars.__hbSequence };
        for (const [name, value] of Object.entries(vars)) {
          const i = /^__hbSequence(\d+)$/.exec(name)?.[1];
          if (i !== undefined) data[`budgetChanged__${i}`] = { sequence: value };
        }
        const failed = errors?.(query);
        return Promise.resolve(failed ? { data, errors: failed } : { data });
      };
      return { queries, run };
    }

    it('completes them with one follow-up and writes each to every subscriber, in order', async () => {
      const { hub: h, emit } = hub();
      const a = connection();
      const { queries, run } = answering();
      h.subscribe(request('Bearer one', '1', a, run));
      h.subscribe(request('Bearer one', '2', a, run));
      emit('Bearer one', '41');
      emit('Bearer one', '42');
      await settle();
      expect(queries).toHaveLength(1);
      expect(queries[0]?.query).toContain(
        'budgetChanged__0: budgetChange(sequence: $__hbSequence0)',
      );
      expect(queries[0]?.vars).toEqual({
        budgetId: 'b1',
        __hbSequence0: '41',
        __hbSequence1: '42',
      });
      expect(a.frames).toEqual([
        { ids: ['1', '2'], payload: { data: { budgetChanged: { sequence: '41' } } } },
        { ids: ['1', '2'], payload: { data: { budgetChanged: { sequence: '42' } } } },
      ]);
      await h.stop();
    });

    it('completes each on its own when the joint follow-up has an error, and stops joining after a validation failure', async () => {
      const { hub: h, emit } = hub();
      const a = connection();
      const { queries, run } = answering((query) =>
        query.includes('__hbSequence0')
          ? [
              new GraphQLError('Too many aliases.', {
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
            ]
          : undefined,
      );
      h.subscribe(request('Bearer one', '1', a, run));
      emit('Bearer one', '5');
      emit('Bearer one', '6');
      await settle();
      // The joint query, then each event alone: both delivered cleanly.
      expect(queries.map((q) => Object.keys(q.vars).filter((k) => k.startsWith('__hb')))).toEqual([
        ['__hbSequence0', '__hbSequence1'],
        ['__hbSequence'],
        ['__hbSequence'],
      ]);
      expect(a.frames.map((f) => f.payload)).toEqual([
        { data: { budgetChanged: { sequence: '5' } } },
        { data: { budgetChanged: { sequence: '6' } } },
      ]);
      emit('Bearer one', '7');
      emit('Bearer one', '8');
      await settle();
      expect(queries.slice(3).map((q) => q.vars.__hbSequence)).toEqual(['7', '8']);
      await h.stop();
    });

    it('joins at most maxEventsPerFollowUp events in one follow-up', async () => {
      const { hub: h, emit } = hub(undefined, 2);
      const a = connection();
      const { queries, run } = answering();
      h.subscribe(request('Bearer one', '1', a, run));
      for (const sequence of ['1', '2', '3']) emit('Bearer one', sequence);
      await settle();
      expect(queries.map((q) => Object.keys(q.vars).length - 1)).toEqual([2, 1]);
      expect(a.frames.map((f) => f.payload)).toEqual(
        ['1', '2', '3'].map((sequence) => ({ data: { budgetChanged: { sequence } } })),
      );
      await h.stop();
    });
  });
});
