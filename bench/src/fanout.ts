import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchPlatform, type Platform } from '@hb/platform';
import { createBenchDatabase } from './data';
import { measureSubscriptionLatency } from './subscription-latency';
import { must } from './must';

/**
 * The subscription fan-out alone, without the rest of `pnpm bench`:
 * `node bench/dist/fanout.js [subscribers[/tokens]…]` (default 1000 10000), on the PostgreSQL
 * server of DATABASE_URL (a throwaway database), 100 subscriptions per socket, tokens of 10
 * advisers unless given (10000/100: a token of its own per socket), BENCH_FANOUT_EVENTS charges
 * (default 20). BENCH_FANOUT_PROFILE=<dir> writes CPU profiles of the charges' phase there,
 * of the subscribers' gateway and of every service of the platform. Prints one JSON line per
 * size.
 */
async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const sizes = process.argv.slice(2).map((arg) => arg.split('/').map(Number));
  const events = Number(process.env.BENCH_FANOUT_EVENTS ?? 20);
  const profileDir = process.env.BENCH_FANOUT_PROFILE;
  // Read by measureSubscriptionLatency: the services below run with the profiler preloaded.
  if (profileDir) process.env.CPU_PROFILE_DIR = profileDir;
  const database = await createBenchDatabase(serverUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-fanout-'));
  let platform: Platform | undefined;
  const serviceLog: string[] = [];
  try {
    platform = await launchPlatform({
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        // The bench signs its callers' tokens with the development key.
        TRUST_DEV_ISSUER: '1',
        LOG_LEVEL: 'warn',
        MUTATION_RATE_PER_MINUTE: '100000000',
        ...(profileDir
          ? { NODE_OPTIONS: `--require ${require.resolve('./cpu-profile-preload')}` }
          : {}),
      },
      gatewayPort: 0,
      freePorts: true,
      seedDemo: true,
      log: (service, line) => serviceLog.push(`[${service}] ${line}`),
    });
    for (const [subscribers, tokens] of sizes.length ? sizes : [[1000], [10_000]]) {
      const result = await measureSubscriptionLatency(platform, dataDir, {
        subscribers: must(subscribers, 'subscriber count'),
        perSocket: 100,
        events,
        principals: tokens ?? 10,
      });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
  } catch (error) {
    process.stderr.write(`${serviceLog.slice(-40).join('\n')}\n`);
    throw error;
  } finally {
    await platform?.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
