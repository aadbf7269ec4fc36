import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { loadDevKey, startEmbeddedPostgres, type EmbeddedPostgres } from '@hb/kit/launcher';
import {
  DEFAULT_GATEWAY_PORT,
  DEV_OIDC_MAIN,
  GATEWAY_MAIN,
  LOCAL_IDP,
  ROOT,
  SUBGRAPHS,
  type SubgraphService,
} from './services';
import { HELPER_NICENESS, freePort, spawnService, stopChild, waitForHealth } from './processes';

export { freePort } from './processes';

/** Options of {@link launchPlatform}. */
export interface LaunchOptions {
  /**
   * Environment for every process. `DATABASE_URL` selects a real PostgreSQL server; without
   * it the launcher serves an embedded database under `DATA_DIR` itself.
   */
  env: NodeJS.ProcessEnv;
  /** Gateway port; 0 picks a free one. Default 4000. */
  gatewayPort?: number;
  /** Use free ports for the subgraphs instead of 4001–4004. Default false. */
  freePorts?: boolean;
  /** Seed demo data into empty tables. Default false. */
  seedDemo?: boolean;
  /** Where a line of a child's output goes. Default: this process's stdout. */
  log?: (service: string, line: string) => void;
  /** Subgraphs to start more than once (for multi-instance tests), by name. */
  extraInstances?: Partial<Record<SubgraphService['name'], number>>;
  /**
   * Run the local OpenID provider (development and tests only) on the gateway's port + 10, or
   * a free port with `freePorts` or gateway port 0. Every service then verifies its tokens
   * as an external issuer's (`OIDC_JWKS_URL`, `OIDC_ISSUER`, `OIDC_AUDIENCE`), still trusting
   * the development issuer for `pnpm token`, and the admin UI signs in there. Default false.
   */
  localIdentityProvider?: boolean;
  /**
   * Run a local mail catcher (maildev, development and tests only): SMTP on the gateway's port
   * + 25 and its web view and REST API on port + 80 (free ports with `freePorts` or gateway
   * port 0). The budgets subgraph then e-mails its notifications there (`SMTP_URL`). Default
   * false.
   */
  localMailCatcher?: boolean;
  /**
   * Aborting it while the platform starts stops every process started so far, and the launch
   * rejects: a Ctrl+C during a slow first start must not leave services running.
   */
  signal?: AbortSignal;
}

/** One child process of the platform. */
export interface ServiceProcess {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
}

/** The running platform. */
export interface Platform {
  gatewayUrl: string;
  /** The local OpenID provider's issuer URL, when it runs. */
  identityProviderUrl?: string;
  /** The local mail catcher's web view (its REST API under `/api/email`), when it runs. */
  mailCatcherUrl?: string;
  databaseUrl: string;
  services: ServiceProcess[];
  /** Stops one service with SIGTERM and starts it again on the same port. */
  restart(name: string): Promise<void>;
  /**
   * Starts one more gateway, e.g. routing to another instance of a subgraph
   * (`{ BUDGETS_URL: … }`), for multi-instance tests.
   */
  startGateway(overrides: NodeJS.ProcessEnv): Promise<ServiceProcess>;
  /**
   * Starts one more instance of a subgraph with its own settings on top of the platform's
   * (e.g. `{ TEST_TODAY: '2025-12-31' }`), for a gateway started with {@link startGateway}.
   */
  startInstance(
    name: SubgraphService['name'],
    overrides: NodeJS.ProcessEnv,
  ): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/** How often the launcher asks a starting subgraph for its health (see `launchPlatform`). */
const SUBGRAPH_POLL_MS = 250;

/** maildev's command line (an ES module; run as a process of its own). */
const MAILDEV_MAIN = path.relative(
  ROOT,
  path.join(__dirname, '../node_modules/maildev/dist/bin/maildev.js'),
);

async function mailCatcherPorts(
  options: LaunchOptions,
  gatewayPort: number,
): Promise<{ smtp: number; web: number }> {
  if (options.env.NODE_ENV === 'production')
    throw new Error('The local mail catcher is for development only.');
  const free = options.freePorts || options.gatewayPort === 0;
  return {
    smtp: free ? await freePort() : gatewayPort + 25,
    web: free ? await freePort() : gatewayPort + 80,
  };
}

interface LocalIdentityProvider {
  issuer: string;
  port: number;
  /** The provider process's environment. */
  env: NodeJS.ProcessEnv;
  /** What every service is told about the issuer. */
  serviceEnv: NodeJS.ProcessEnv;
}

async function localIdentityProvider(
  options: LaunchOptions,
  dataDir: string,
  gatewayPort: number,
): Promise<LocalIdentityProvider> {
  if (options.env.NODE_ENV === 'production') {
    throw new Error('The local OpenID provider is for development only.');
  }
  if (options.env.OIDC_JWKS_URL) {
    throw new Error('OIDC_JWKS_URL names an external issuer; the local provider would go unused.');
  }
  const port = options.freePorts || options.gatewayPort === 0 ? await freePort() : gatewayPort + 10;
  const issuer = `http://127.0.0.1:${port}`;
  // The admin UI's origins: the gateway, and Vite's development server.
  const uiPorts = [gatewayPort, Number(options.env.WEB_PORT ?? 5173)];
  const uiOrigins = uiPorts.flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]);
  const serviceEnv: NodeJS.ProcessEnv = {
    OIDC_JWKS_URL: `${issuer}/jwks`,
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: LOCAL_IDP.audience,
    OIDC_UI_CLIENT_ID: LOCAL_IDP.clientId,
    // `pnpm token` and the test kit keep working beside the provider.
    TRUST_DEV_ISSUER: '1',
  };
  return {
    issuer,
    port,
    serviceEnv,
    env: {
      ...options.env,
      ...serviceEnv,
      DATA_DIR: dataDir,
      PORT: String(port),
      DEV_OIDC_ISSUER: issuer,
      DEV_OIDC_UI_ORIGINS: uiOrigins.join(','),
    },
  };
}

/**
 * Starts the four subgraphs and the gateway as separate processes, each waited for on its
 * health endpoint. Used by `pnpm start` and by the end-to-end testkit.
 */
export async function launchPlatform(options: LaunchOptions): Promise<Platform> {
  const log = options.log ?? ((service, line) => process.stdout.write(`[${service}] ${line}\n`));
  const dataDir = path.resolve(ROOT, options.env.DATA_DIR ?? '.data');
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = options.env.DATABASE_URL;
  // Settled once the services are started (or the platform stops before).
  let servicesStarted: () => void = () => undefined;
  const openAfter = new Promise<void>((resolve) => (servicesStarted = resolve));
  if (!databaseUrl) {
    // Listening at once, the database opening once the services are started: they load their
    // code while it opens, and their first connection waits for it.
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'pglite'),
      listenFirst: true,
      openAfter,
    });
    databaseUrl = embedded.url;
  }
  // Create the development key once, before the services race to read it.
  if (!options.env.OIDC_JWKS_URL) await loadDevKey(dataDir);

  const requestedGatewayPort = options.gatewayPort ?? 4000;
  const gatewayPort = requestedGatewayPort === 0 ? await freePort() : requestedGatewayPort;
  const idp = options.localIdentityProvider
    ? await localIdentityProvider(options, dataDir, gatewayPort)
    : undefined;
  const mail = options.localMailCatcher ? await mailCatcherPorts(options, gatewayPort) : undefined;
  const common: NodeJS.ProcessEnv = {
    ...options.env,
    ...(mail
      ? {
          SMTP_URL: `smtp://127.0.0.1:${mail.smtp}`,
          PUBLIC_UI_URL: options.env.PUBLIC_UI_URL ?? `http://localhost:${gatewayPort}/`,
        }
      : {}),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DATABASE_EMBEDDED: embedded ? '1' : '0',
    SEED_DEMO: options.seedDemo ? '1' : '0',
    // What the subgraphs require of the gateway for `_entities` of anonymous callers.
    GATEWAY_CREDENTIAL:
      options.env.GATEWAY_CREDENTIAL ?? crypto.randomBytes(32).toString('base64url'),
    ...idp?.serviceEnv,
  };
  const services: ServiceProcess[] = [];
  const envOf = new Map<ServiceProcess, { env: NodeJS.ProcessEnv; main: string }>();

  const startOne = async (
    name: string,
    main: string,
    port: number,
    env: NodeJS.ProcessEnv,
    pollMs?: number,
  ) => {
    const url = `http://127.0.0.1:${port}/graphql`;
    const fullEnv = { ...env, PORT: String(port) };
    const child = spawnService(name, main, fullEnv, log);
    const service = { name, url, port, child };
    services.push(service);
    envOf.set(service, { env: fullEnv, main });
    await waitForHealth(url, child, name, pollMs);
    return service;
  };

  const startIdp = async (provider: LocalIdentityProvider) => {
    const child = spawnService('oidc', DEV_OIDC_MAIN, provider.env, log, [], HELPER_NICENESS);
    const service = { name: 'oidc', url: provider.issuer, port: provider.port, child };
    services.push(service);
    await waitForHealth(`${provider.issuer}/health`, child, 'oidc');
    return service;
  };

  const startMailCatcher = async (ports: { smtp: number; web: number }) => {
    const child = spawnService(
      'mail',
      MAILDEV_MAIN,
      {
        ...options.env,
        MAILDEV_SMTP_PORT: String(ports.smtp),
        MAILDEV_WEB_PORT: String(ports.web),
      },
      log,
      ['--ip', '127.0.0.1', '--smtp', String(ports.smtp), '--web', String(ports.web)],
      HELPER_NICENESS,
    );
    const url = `http://127.0.0.1:${ports.web}`;
    services.push({ name: 'mail', url, port: ports.web, child });
    await waitForHealth(`${url}/api/email`, child, 'mail');
  };

  // Once: an abort during the start and the start's own failure both stop the platform.
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      servicesStarted(); // the database opens, to be closed
      await Promise.all(
        services.filter((s) => s.name.startsWith('gateway')).map((s) => stopChild(s.child)),
      );
      await Promise.all(services.map((s) => stopChild(s.child)));
      await embedded?.stop();
    })());
  const stopOnAbort = () => void stop();
  options.signal?.addEventListener('abort', stopOnAbort, { once: true });

  try {
    options.signal?.throwIfAborted();
    // Ports are chosen before anything starts, so that every subgraph (which asks the others
    // directly, e.g. budgets asks clients) and the gateway know where the others listen.
    const firstPorts = new Map<string, number>();
    for (const s of SUBGRAPHS)
      firstPorts.set(
        s.name,
        options.freePorts ? await freePort() : gatewayPort + s.port - DEFAULT_GATEWAY_PORT,
      );
    const portOf = (name: string) => {
      const port = firstPorts.get(name);
      if (port === undefined) throw new Error(`No port chosen for ${name}`);
      return port;
    };
    const urls = Object.fromEntries(
      SUBGRAPHS.map((s) => [s.urlSetting, `http://127.0.0.1:${firstPorts.get(s.name)}/graphql`]),
    );
    const subgraphsUp = Promise.all([
      // Checked less often than the gateway, which stands for them (it answers once they all
      // do): the checks run on the thread that serves the embedded database.
      ...SUBGRAPHS.map((s) =>
        startOne(s.name, s.main, portOf(s.name), { ...common, ...urls }, SUBGRAPH_POLL_MS),
      ),
      embedded?.ready,
    ]);
    // The gateway loads while they start, but listens (and answers its health check, which
    // stands for a platform that is up) only once every subgraph answers: see WAIT_FOR_SUBGRAPHS.
    const gatewayUp = startOne('gateway', GATEWAY_MAIN, gatewayPort, {
      ...common,
      ...urls,
      WAIT_FOR_SUBGRAPHS: '1',
    });
    gatewayUp.catch(() => undefined); // awaited below, after the subgraphs
    servicesStarted();
    // The development helpers start once the gateway answers: nothing the first query needs
    // waits for them (tokens are verified against the provider's keys when one arrives), and
    // on a small machine they would take CPU from the services while those start. The launch
    // still waits for them.
    const helpersUp = gatewayUp.then(() =>
      Promise.all([...(idp ? [startIdp(idp)] : []), ...(mail ? [startMailCatcher(mail)] : [])]),
    );
    helpersUp.catch(() => undefined); // awaited below, after the gateway
    await subgraphsUp;
    // Further instances start once the first one has migrated and seeded: on the embedded
    // database advisory locks do not separate connections (one PGlite session serves all).
    await Promise.all(
      SUBGRAPHS.flatMap((s) =>
        Array.from({ length: options.extraInstances?.[s.name] ?? 0 }, async (_, i) =>
          startOne(`${s.name}#${i + 2}`, s.main, await freePort(), { ...common, ...urls }),
        ),
      ),
    );
    const gateway = await gatewayUp;
    await helpersUp;
    let gateways = 1;
    let instances = 1;
    return {
      startInstance: async (name, overrides) => {
        const spec = SUBGRAPHS.find((s) => s.name === name);
        if (!spec) throw new Error(`No subgraph ${name}`);
        return startOne(`${name}#i${++instances}`, spec.main, await freePort(), {
          ...common,
          ...urls,
          ...overrides,
        });
      },
      startGateway: async (overrides) =>
        startOne(`gateway#${++gateways}`, GATEWAY_MAIN, await freePort(), {
          ...common,
          ...urls,
          ...overrides,
        }),
      gatewayUrl: gateway.url,
      ...(idp ? { identityProviderUrl: idp.issuer } : {}),
      ...(mail ? { mailCatcherUrl: `http://127.0.0.1:${mail.web}` } : {}),
      databaseUrl,
      services,
      async restart(name) {
        const service = services.find((s) => s.name === name);
        const spec = service && envOf.get(service);
        if (!service || !spec) throw new Error(`No service ${name}`);
        await stopChild(service.child);
        service.child = spawnService(name, spec.main, spec.env, log);
        await waitForHealth(service.url, service.child, name);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', stopOnAbort);
  }
}
