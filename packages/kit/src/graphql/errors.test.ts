import { principal } from '../testing/test-principal';
import { requirePrincipal, unauthenticated } from './errors';

/** What `run` throws; a test fails when it throws nothing. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('Expected a refusal.');
}

describe('requirePrincipal', () => {
  it('returns the caller of a signed-in request', () => {
    const caller = principal('WORKER', { municipalities: ['091'] });
    expect(requirePrincipal({ principal: caller })).toBe(caller);
  });

  it('refuses an anonymous request with the error unauthenticated() makes', () => {
    const expected = unauthenticated();
    expect(thrownBy(() => requirePrincipal({ principal: null }))).toMatchObject({
      message: expected.message,
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it("carries the site's own message", () => {
    expect(
      thrownBy(() => requirePrincipal({ principal: null }, 'Sign in as the provider.')),
    ).toMatchObject({
      message: 'Sign in as the provider.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
