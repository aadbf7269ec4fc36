/**
 * `pnpm start` stopped with Ctrl+C (SIGTERM) while it is still starting: every process it has
 * started so far must stop with it. A first start takes long enough for people to give up.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@hb/kit/testing';
import { freePort } from '@hb/platform';

const START = path.resolve(__dirname, '../../packages/platform/dist/start.js');

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('pnpm start stopped while starting', () => {
  let database: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase(process.env.DATABASE_URL);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-start-'));
  });

  afterAll(async () => {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no service running and exits cleanly', async () => {
    const port = await freePort();
    const start = spawn(process.execPath, [START], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        DATA_DIR: dataDir,
        PORT: String(port),
        DEV_ISSUER: '1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let output = '';
    start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => start.once('exit', resolve));

    // Wait until the services are spawned but, migrating a fresh database, not all up yet.
    let children: number[] = [];
    for (let i = 0; i < 400 && children.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 50));
      children = childrenOf(start.pid!);
    }
    expect(children.length).toBeGreaterThanOrEqual(4);
    expect(output).not.toContain('HB-keskus is running');

    start.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const child of children) expect(alive(child)).toBe(false);
  });
});
