import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SERVER_URL, log } from './harness';

/**
 * Benchmarks that run as scripts of their own, each on its own throwaway database (the report's;
 * catalogue-varied.ts and catalogue-gateway.ts also run standalone, while `pnpm bench` measures
 * the catalogue on its main data set: catalogue-main.ts).
 */

/** Runs a benchmark script as a child process; returns what it printed. */
function runScript(
  label: string,
  script: string,
  args: string[],
  stdoutOnly = false,
  timeoutSeconds = 600,
): Promise<string> {
  if (!fs.existsSync(script)) return Promise.resolve(`${path.basename(script)} not built`);
  log(label);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: SERVER_URL, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    if (!stdoutOnly) child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    // Generous: on a loaded machine the report's data set alone takes minutes to load.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const end = timedOut
        ? `\n(stopped after ${timeoutSeconds} s)`
        : code === 0
          ? ''
          : `\n(exit code ${code})`;
      resolve(`${out.trim()}${end}`);
    });
  });
}

/** Issue 9: the organiser report's figures for 5 000 clients and 200 000 transactions. */
export function runReportBench(iterations: number, timeoutSeconds: number): Promise<string> {
  const script = path.join(ROOT, 'subgraphs', 'budgets', 'dist', 'bench', 'report.bench.js');
  return runScript(
    'report benchmark (budgets subgraph, service level)',
    script,
    ['5000', '200000', String(iterations)],
    true,
    timeoutSeconds,
  );
}
