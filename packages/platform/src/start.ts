import { loadConfig } from '@hb/kit';
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
  const platform = await launchPlatform({
    env: process.env,
    gatewayPort: config.PORT ?? DEFAULT_GATEWAY_PORT,
    seedDemo: true,
    localIdentityProvider,
    // E-mail goes to a local mail catcher unless a real relay is configured; never in production.
    localMailCatcher: !process.env.SMTP_URL && config.NODE_ENV !== 'production',
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
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    platform.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('Failed to start the platform:', error);
  process.exit(1);
});
