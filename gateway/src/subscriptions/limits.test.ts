import { SubscriptionLimits } from './limits';

describe('SubscriptionLimits', () => {
  const take = (limits: SubscriptionLimits, socket: object, principal: string) => {
    const place = limits.acquire(socket, principal);
    if (typeof place !== 'function') throw new Error(place.refused);
    return place;
  };

  it('refuses a subscription past the limit of its socket, also for another person', () => {
    const limits = new SubscriptionLimits({ perSocket: 2, perPrincipal: 10 });
    const socket = {};
    take(limits, socket, 'ADVISER:a');
    take(limits, socket, 'ADVISER:b');
    expect(limits.acquire(socket, 'ADVISER:c')).toEqual({
      refused: expect.stringMatching(/at most 2 subscriptions/),
    });
    expect(typeof limits.acquire({}, 'ADVISER:c')).toBe('function');
  });

  it('refuses a person past her limit over all her sockets', () => {
    const limits = new SubscriptionLimits({ perSocket: 2, perPrincipal: 3 });
    take(limits, {}, 'ADVISER:a');
    take(limits, {}, 'ADVISER:a');
    take(limits, {}, 'ADVISER:a');
    expect(limits.acquire({}, 'ADVISER:a')).toEqual({
      refused: expect.stringMatching(/at most 3/),
    });
    expect(typeof limits.acquire({}, 'ADVISER:b')).toBe('function');
  });

  it('gives places back once, however often a release is called', () => {
    const limits = new SubscriptionLimits({ perSocket: 1, perPrincipal: 1 });
    const socket = {};
    const release = take(limits, socket, 'CLIENT:x');
    expect(typeof limits.acquire(socket, 'CLIENT:x')).toBe('object');
    release();
    release();
    const again = take(limits, socket, 'CLIENT:x');
    expect(typeof limits.acquire({}, 'CLIENT:x')).toBe('object');
    again();
    expect(typeof limits.acquire({}, 'CLIENT:x')).toBe('function');
  });
});
