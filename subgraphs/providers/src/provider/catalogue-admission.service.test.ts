import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DEMO,
  createLogger,
  signDevToken,
  startSubgraph,
  type Database,
  type RunningServer,
} from '@hb/kit';
import type { QueryRunner } from 'typeorm';
import { createTestDatabase, openTestDatabase, type TestDatabase } from '@hb/kit/testing';
import { providersDatabase } from '../entities';
import { seedProvidersDemo } from '../seed/demo.seed';
import { providersSubgraph } from '../subgraph';

/**
 * Admission control of the public catalogue through the real providers service over HTTP,
 * with a pool of 3 connections of which public searches may hold 2. The facet counts read the
 * offerings, which the test locks: admitted public searches then hold their connections until
 * it lets go, so the flood is in flight together without any timing.
 */
const POOL = 3;
const CONCURRENCY = 2;
const QUEUE = 2;
const OVERFLOW = 3;

let testDb: TestDatabase;
let server: RunningServer;
let dataDir: string;
let seeded: Database;
let lock: QueryRunner;

beforeAll(async () => {
  testDb = await createTestDatabase();
  seeded = await openTestDatabase(testDb.url, providersDatabase, testDb.embedded);
  await seedProvidersDemo(seeded.dataSource, createLogger('test', 'silent'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-catalogue-admission-'));
  server = await startSubgraph(providersSubgraph, {
    DATABASE_URL: testDb.url,
    DATABASE_EMBEDDED: testDb.embedded ? '1' : '0',
    DATABASE_POOL_SIZE: String(POOL),
    CATALOGUE_CONCURRENCY: String(CONCURRENCY),
    CATALOGUE_QUEUE: String(QUEUE),
    CATALOGUE_CACHE_SECONDS: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
  });
  lock = seeded.dataSource.createQueryRunner();
  await lock.connect();
}, 60_000);

afterAll(async () => {
  await lock?.release();
  await seeded?.close();
  await server?.stop();
  await testDb?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ extensions?: { code?: string } }>;
  };
}

async function post(query: string, bearer?: string): Promise<Answer> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as Answer['body'],
  };
}

/** Public searches whose statements wait for the test's lock. */
async function waitingAtTheLock(): Promise<number> {
  const [row] = (await lock.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  )) as [{ n: number }];
  return row.n;
}

it('refuses the overflow of a flood of public searches with BUSY (503, Retry-After) while staff still get a connection', async () => {
  await lock.query('BEGIN');
  await lock.query('LOCK TABLE providers.offering IN ACCESS EXCLUSIVE MODE');
  let released = false;
  try {
    const answers: Answer[] = [];
    // Different searches (identical reads in flight would share one execution).
    const flood = DEMO.pirkanmaa.slice(0, CONCURRENCY + QUEUE + OVERFLOW).map((code) =>
      post(
        `{ providerFacets(search: { municipalityCode: "${code}" }) { total serviceTypes { value count } } }`,
      ).then((a) => {
        answers.push(a);
        return a;
      }),
    );
    // The overflow is answered at once; everything admitted or queued waits for the lock.
    while (answers.length < OVERFLOW) await new Promise((resolve) => setImmediate(resolve));
    expect(answers).toHaveLength(OVERFLOW);
    for (const refused of answers) {
      expect(refused.status).toBe(503);
      expect(refused.retryAfter).toBe('1');
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('BUSY');
    }
    // The admitted searches hold their connections at the lock: CONCURRENCY of them, no more.
    while ((await waitingAtTheLock()) < CONCURRENCY)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await waitingAtTheLock()).toBe(CONCURRENCY);

    // Staff work gets a connection meanwhile: an adviser's search and a provider's page.
    const adviser = await signDevToken(dataDir, {
      sub: 'adviser-admission-test',
      role: 'ADVISER',
      municipalities: ['837'],
    });
    const staff = await post(
      '{ providers(search: { includeUnapproved: true }, first: 5) { totalCount edges { node { id name } } } }',
      adviser,
    );
    expect(staff.status).toBe(200);
    expect(staff.body.errors).toBeUndefined();
    const found = staff.body.data?.providers as {
      totalCount: number;
      edges: Array<{ node: { id: string } }>;
    };
    expect(found.totalCount).toBeGreaterThan(0);
    const one = await post(`{ provider(id: "${found.edges[0]!.node.id}") { id name } }`, adviser);
    expect(one.body.data?.provider).toMatchObject({ id: found.edges[0]!.node.id });
    expect(answers).toHaveLength(OVERFLOW);

    await lock.query('COMMIT');
    released = true;
    const all = await Promise.all(flood);
    const served = all.filter((a) => a.status === 200);
    expect(served).toHaveLength(CONCURRENCY + QUEUE);
    for (const a of served)
      expect((a.body.data?.providerFacets as { total: number }).total).toBeGreaterThan(0);
  } finally {
    if (!released) await lock.query('ROLLBACK');
  }

  // Afterwards the catalogue admits public searches again.
  const after = await post('{ providers(first: 1) { totalCount totalCountIsLowerBound } }');
  expect(after.status).toBe(200);
  expect(after.body.data?.providers).toMatchObject({ totalCountIsLowerBound: false });
});
