import { DEMO_ACCOUNTS, platformClaims } from './accounts';
import { errorPage, loginPage } from './pages';

describe('the local provider’s sign-in page', () => {
  it.each([
    ['the typed username', { username: '"><script>alert(1)</script>' }],
    ['an error message', { error: '<img src=x onerror=alert(1)>' }],
  ])('shows %s as text, never as markup', (_what, extra) => {
    const html = loginPage({ action: '/interaction/x/login', accounts: DEMO_ACCOUNTS, ...extra });
    expect(html).not.toMatch(/<script>|<img/);
    expect(html).toContain('&lt;');
  });

  it('lists every demo person with a button that submits her username', () => {
    const html = loginPage({ action: '/interaction/x/login', accounts: DEMO_ACCOUNTS });
    for (const account of DEMO_ACCOUNTS) {
      expect(html).toContain(`name="username" value="${account.username}"`);
    }
    expect(errorPage('<b>')).toContain('&lt;b&gt;');
  });
});

describe('demo accounts', () => {
  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a] as const))(
    '%s carries the claims the platform reads, a client naming herself',
    (_name, account) => {
      const claims = platformClaims(account);
      expect(claims.hb_role).toBe(account.role);
      expect(Array.isArray(claims.hb_municipalities)).toBe(true);
      if (account.role === 'CLIENT') expect(claims.hb_client).toBe(account.sub);
      if (account.role === 'TEAM_MEMBER') expect(claims.hb_client).toBeDefined();
      if (account.role === 'PROVIDER') expect(claims.hb_provider).toBeDefined();
    },
  );

  it('usernames are unique', () => {
    const names = DEMO_ACCOUNTS.map((a) => a.username);
    expect(new Set(names).size).toBe(names.length);
  });
});
