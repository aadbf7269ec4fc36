import { loadConfig } from './config';

describe('TEST_TODAY', () => {
  it('pins the clock in tests', () => {
    expect(loadConfig({ NODE_ENV: 'test', TEST_TODAY: '2025-12-31' }).TEST_TODAY).toBe(
      '2025-12-31',
    );
  });

  it.each(['production', 'development', undefined])(
    'is refused at boot with NODE_ENV=%s',
    (env) => {
      expect(() => loadConfig({ NODE_ENV: env, TEST_TODAY: '2025-12-31' })).toThrow(
        /TEST_TODAY: only when NODE_ENV=test/,
      );
    },
  );

  it('must be a date', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', TEST_TODAY: 'yesterday' })).toThrow(/TEST_TODAY/);
  });
});
