import { GraphQLError } from 'graphql';
import { Subscriber, asExecutionResult } from './subscriber';

function make(maxQueue: number) {
  const calls = { ended: 0, overflowed: 0 };
  const subscriber = new Subscriber({
    maxQueue,
    onEnd: () => calls.ended++,
    onOverflow: () => calls.overflowed++,
  });
  return { subscriber, calls };
}

describe('Subscriber', () => {
  it('delivers in order to a consumer that keeps up', async () => {
    const { subscriber } = make(2);
    const first = subscriber.next();
    subscriber.push({ data: { n: 1 } });
    subscriber.push({ data: { n: 2 } });
    expect((await first).value).toEqual({ data: { n: 1 } });
    expect((await subscriber.next()).value).toEqual({ data: { n: 2 } });
  });

  it('tells a slow consumer why and disconnects it instead of growing without bound', async () => {
    const { subscriber, calls } = make(3);
    for (let n = 0; n < 10; n++) subscriber.push({ data: { n } });
    expect(calls).toEqual({ ended: 1, overflowed: 1 });
    const last = await subscriber.next();
    expect(last.value?.errors?.[0]?.extensions?.code).toBe('SLOW_CONSUMER');
    expect(last.value?.errors?.[0]).toBeInstanceOf(GraphQLError);
    expect((await subscriber.next()).done).toBe(true);
  });

  it('ends once and then ignores further events', async () => {
    const { subscriber, calls } = make(5);
    await subscriber.return();
    subscriber.push({ data: { n: 1 } });
    subscriber.end();
    expect(calls.ended).toBe(1);
    expect((await subscriber.next()).done).toBe(true);
  });

  it('turns formatted errors from another process back into GraphQL errors with their code', () => {
    const result = asExecutionResult({
      errors: [{ message: 'No.', path: ['budgetChange'], extensions: { code: 'FORBIDDEN' } }],
    });
    expect(result.errors?.[0]).toBeInstanceOf(GraphQLError);
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.path).toEqual(['budgetChange']);
  });
});
