import { startDevOidcProvider } from './provider';

/**
 * Entry point of the local OpenID provider, started by the launcher (`pnpm start`) beside the
 * gateway. Its settings come from the launcher; it refuses to run in production.
 */
async function main(): Promise<void> {
  const env = process.env;
  if (env.NODE_ENV === 'production') {
    throw new Error('The local OpenID provider lets anyone sign in as anyone; not in production.');
  }
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required.`);
    return value;
  };
  const issuer = required('DEV_OIDC_ISSUER');
  const server = await startDevOidcProvider({
    issuer,
    port: Number(required('PORT')),
    host: env.HOST ?? '127.0.0.1',
    dataDir: required('DATA_DIR'),
    audience: required('OIDC_AUDIENCE'),
    clientId: required('OIDC_UI_CLIENT_ID'),
    uiOrigins: required('DEV_OIDC_UI_ORIGINS').split(',').filter(Boolean),
    accessTokenTtl: Math.min(Number(env.TOKEN_MAX_LIFETIME_SECONDS ?? 3600) || 3600, 3600),
  });
  process.stdout.write(`local OpenID provider ready at ${issuer}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('local OpenID provider failed to start:', error);
  process.exit(1);
});
