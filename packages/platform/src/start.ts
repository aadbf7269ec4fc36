import { loadConfig } from '@hb/kit/launcher';
import { launchPlatform } from './launch';
import { DEFAULT_GATEWAY_PORT } from './services';

/**
 * `pnpm start`: the whole platform with demo data, on the embedded database unless
 * `DATABASE_URL` names a real PostgreSQL server.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // Sign-in goes through a real OpenID provider even in development, unless an external
  // issuer is configured; never in production.
  const localIdentityProvider = !config.OIDC_JWKS_URL && config.NODE_ENV !== 'production';
  // A first start takes a while: a Ctrl+C before the platform is up must stop what has
  // started so far (the abort), and one after it the whole platform.
  const starting = new AbortController();
  const launching = launchPlatform({
    signal: starting.signal,
    env: process.env,
    gatewayPort: config.PORT ?? DEFAULT_GATEWAY_PORT,
    seedDemo: true,
    localIdentityProvider,
    // E-mail goes to a local mail catcher unless a real relay is configured; never in production.
    localMailCatcher: !process.env.SMTP_URL && config.NODE_ENV !== 'production',
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    starting.abort();
    launching
      .then(
        (platform) => platform.stop().then(() => process.exit(0)),
        () => process.exit(0), // stopped while starting
      )
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const platform = await launching.catch((error: unknown) => {
    if (starting.signal.aborted) return new Promise<never>(() => {}); // shutdown exits
    throw error;
  });
  // The services listen on the loopback address; people type localhost, as the README does.
  const graphql = platform.gatewayUrl.replace('//127.0.0.1:', '//localhost:');
  const web = graphql.replace(/\/graphql$/, '/');
  process.stdout.write(
    [
      '',
      'HB-keskus is running.',
      `  GraphQL (HTTP and WebSocket): ${graphql}`,
      `  Admin UI:                     ${web}`,
      `  Database: ${config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded, files in ${config.DATA_DIR}/pglite`}`,
      ...(platform.identityProviderUrl
        ? [
            `  OpenID provider (development): ${platform.identityProviderUrl}`,
            '    sign in as hanna (adviser), olli (worker), jaana (organiser), essi (client),',
            '    marja (team member) or tuottaja (provider)',
          ]
        : []),
      ...(platform.mailCatcherUrl
        ? [
            `  E-mail (development mail catcher): ${platform.mailCatcherUrl.replace('//127.0.0.1:', '//localhost:')}`,
          ]
        : []),
      '  Get a token:  pnpm --silent token ADVISER',
      '  Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error('Failed to start the platform:', error);
  process.exit(1);
});
