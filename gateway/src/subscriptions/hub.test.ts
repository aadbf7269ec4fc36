import type { ExecutionResult, GraphQLField } from 'graphql';
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
function hub(maxConcurrentFollowUps?: number) {
  const upstreams = new Map<string, UpstreamOptions>();
  const created = new SubscriptionHub({
    logger,
    upstreamUrls: { budgets: 'ws://budgets.invalid/graphql' },
    ...(maxConcurrentFollowUps ? { maxConcurrentFollowUps } : {}),
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
});
