import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './services';

/** The launcher's child processes: spawning, health checks, stopping, free ports. */

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * One GET of a health endpoint with node's own HTTP client: the launcher polls several
 * services while they start, and `fetch` (undici) costs several times more CPU per refused
 * connection, on the machine the services are starting on.
 */
function answersHealth(url: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 300);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

export async function waitForHealth(
  url: string,
  child: ChildProcess,
  name: string,
  pollMs = 100,
): Promise<void> {
  const health = url.replace(/\/graphql$/, '/health');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited with ${child.exitCode ?? child.signalCode}`);
    if (await answersHealth(health)) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`${name} did not become healthy at ${health}`);
}

/**
 * Development helpers (the OpenID provider, the mail catcher) run at a lower CPU priority: they
 * start as the gateway begins to answer, and on a small machine they would otherwise take half
 * of its time from the first queries. Nothing waits for them but sign-in and e-mail.
 */
export const HELPER_NICENESS = 10;

export function spawnService(
  name: string,
  main: string,
  env: NodeJS.ProcessEnv,
  log: (service: string, line: string) => void,
  args: readonly string[] = [],
  niceness = 0,
): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, main), ...args], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (niceness && child.pid !== undefined) {
    try {
      os.setPriority(child.pid, niceness);
    } catch {
      // not permitted here: it runs at the normal priority
    }
  }
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line) log(name, line);
    });
  }
  return child;
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
