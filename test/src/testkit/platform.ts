import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@hb/kit/testing';
import { launchPlatform, type LaunchOptions, type Platform } from '@hb/platform';
import { signDevToken, type DevTokenClaims } from '@hb/kit';

/** A running platform for one test file, with its own database and key. */
export interface TestPlatform extends Platform {
  dataDir: string;
  /** Mints a development token for this platform's issuer. */
  token(claims: DevTokenClaims): Promise<string>;
  /** Sends a GraphQL request through the gateway. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** What the services printed, for diagnosing a failure. */
  logs: string[];
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export type TestPlatformOptions = Pick<
  LaunchOptions,
  'extraInstances' | 'localIdentityProvider' | 'localMailCatcher'
> & {
  /** Extra environment for every process (e.g. `NODE_ENV: 'production'`); wins over the defaults. */
  env?: NodeJS.ProcessEnv;
};

/**
 * Starts the real platform (four subgraph processes and the gateway, on free ports) with demo
 * reference data, on a fresh database: a throwaway database on the real PostgreSQL server
 * when `DATABASE_URL` is set, the embedded database otherwise.
 */
export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const { env: envOverride, ...launchOptions } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-e2e-'));
  let database: TestDatabase | undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    // The development token endpoint, for tests that sign in as the admin UI does.
    DEV_ISSUER: '1',
    ...envOverride,
  };
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = database.url;
  } else {
    delete env.DATABASE_URL;
  }
  const logs: string[] = [];
  const platform = await launchPlatform({
    env,
    gatewayPort: 0,
    freePorts: true,
    seedDemo: true,
    log: (service, line) => {
      logs.push(`[${service}] ${line}`);
    },
    ...launchOptions,
  });
  return {
    ...platform,
    dataDir,
    logs,
    token: (claims) => signDevToken(dataDir, claims),
    async gql(query, variables = {}, opts = {}) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...opts.headers,
      };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const res = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async stop() {
      await platform.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers the beforeAll/afterAll that start the platform for the test file and stop it, and
 * an afterEach that prints the services' last lines after a failed test; call it once at the
 * top level of a test file. The platform it returns is there from the file's first hook on
 * (hooks registered after this call see it started); before that, any use of it throws.
 */
export function usePlatform(options: TestPlatformOptions = {}): TestPlatform {
  let running: TestPlatform | undefined;
  beforeAll(async () => {
    running = await startTestPlatform(options);
  }, 180_000);
  afterAll(async () => {
    await running?.stop();
  }, 60_000);
  afterEach(() => {
    const { assertionCalls, numPassingAsserts } = expect.getState();
    if (running && assertionCalls !== numPassingAsserts) {
      console.log(running.logs.slice(-50).join('\n'));
    }
  });
  // The file holds this object from its top level, before beforeAll has started anything:
  // each use reads the platform running then.
  return new Proxy({} as TestPlatform, {
    get(_target, key) {
      if (!running)
        throw new Error('usePlatform: the platform has not started (used before beforeAll?)');
      return Reflect.get(running, key) as unknown;
    },
  });
}
