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

describe('GATEWAY_CREDENTIAL', () => {
  it('is required in production, where no subgraph could otherwise tell the gateway apart', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /GATEWAY_CREDENTIAL: required in production/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', GATEWAY_CREDENTIAL: 'c'.repeat(32) }).GATEWAY_CREDENTIAL,
    ).toHaveLength(32);
  });

  it('is optional in development (the launcher makes one per start)', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).GATEWAY_CREDENTIAL).toBeUndefined();
  });

  it('is refused when shorter than 32 characters', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', GATEWAY_CREDENTIAL: 'short' })).toThrow(
      /GATEWAY_CREDENTIAL/,
    );
  });
});
