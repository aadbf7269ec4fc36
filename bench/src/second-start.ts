import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, log } from './harness';

/** Time from `pnpm start` to the first answered query, on the embedded database. */
export interface StartTime {
  /** The first start (builds what changed since the bench's own build, creates and seeds the database). */
  firstMs: number;
  /** The second start on the same data directory, with everything already built. */
  secondMs: number;
  /** What the second start said about its build. */
  buildLine: string;
  /**
   * CPU time of every process of the second start (pnpm, the build check, the launcher, the
   * services), from the command until it stopped; undefined where /proc is missing.
   */
  secondCpuMs?: number;
}

/** CPU ms of this process's finished children (Linux: cutime + cstime of /proc/self/stat). */
function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5), counted from the state (field 3) here.
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

const QUERY = '{ providers(first: 1) { edges { node { id name } } } }';

async function portsFree(base: number): Promise<boolean> {
  // The gateway's port and the ports the launcher keeps beside it (subgraphs, sign-in, mail).
  for (const offset of [0, 1, 2, 3, 4, 10, 25, 80]) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(base + offset, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/** Starts `pnpm start` and resolves with the ms until a catalogue query answers; then stops it. */
async function startOnce(
  env: NodeJS.ProcessEnv,
  port: number,
): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  // A process group of its own: pnpm, the launcher and every service stop together.
  const child = spawn('pnpm', ['start'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = started + 300_000;
    while (performance.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`pnpm start exited: ${output.slice(-800)}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: QUERY }),
        });
        const json = (await res.json()) as { data?: unknown };
        if (res.ok && json.data) return { ms: performance.now() - started, output };
      } catch {
        // not answering yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`pnpm start did not answer in 300 s: ${output.slice(-800)}`);
  } finally {
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, 'SIGINT');
      const timer = setTimeout(() => {
        if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
      }, 20_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/**
 * `pnpm start` twice on the embedded database (no DATABASE_URL) in a fresh data directory, on
 * free ports: the second start's time to its first answered query is the one a developer
 * waits for every day.
 */
export async function measureSecondStart(): Promise<StartTime> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-start-'));
  let port = 20_000 + Math.floor(Math.random() * 20_000);
  while (!(await portsFree(port))) port = 20_000 + Math.floor(Math.random() * 20_000);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  try {
    log('pnpm start, first time (embedded database)');
    const first = await startOnce(env, port);
    log(`first start answered after ${(first.ms / 1000).toFixed(1)} s; second start`);
    const cpuBefore = childrenCpuMs();
    const second = await startOnce(env, port);
    const cpuAfter = childrenCpuMs();
    const secondCpuMs =
      cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
    log(
      `second start answered after ${(second.ms / 1000).toFixed(1)} s` +
        (secondCpuMs === undefined ? '' : `, ${(secondCpuMs / 1000).toFixed(1)} s of CPU`),
    );
    return {
      firstMs: first.ms,
      secondMs: second.ms,
      buildLine: /Build: .*/.exec(second.output)?.[0] ?? '',
      ...(secondCpuMs === undefined ? {} : { secondCpuMs }),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node bench/dist/second-start.js`: this measurement alone (build first: `pnpm build`).
if (require.main === module) {
  measureSecondStart().then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
