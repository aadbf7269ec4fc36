import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  GraphQLID,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { signDevToken } from '../auth/dev-issuer';
import { createVerifier } from '../auth/verifier';
import { loadConfig } from '../config/config';
import { openDatabase, type Database } from '../database/data-source';
import { createLogger } from '../logger';
import { queryDatabase } from '../testing/query-database';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import type { RequestContext } from './context';
import { startSubgraphServer, type RunningServer } from './subgraph-server';

const CLIENT_ID = '00000000-0000-4000-8000-00000000c001';

/** Resolvers that count their runs and wait at a gate, so that requests pile up in flight. */
let runs = 0;
let gate: Promise<void> = Promise.resolve();
let openGate: () => void = () => {};
const closeGate = () => {
  gate = new Promise((resolve) => (openGate = resolve));
};

const Client = new GraphQLObjectType({
  name: 'Client',
  fields: { id: { type: GraphQLID }, name: { type: GraphQLString } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      client: {
        type: Client,
        args: { id: { type: new GraphQLNonNull(GraphQLID) } },
        async resolve(_root, { id }: { id: string }, ctx: RequestContext) {
          runs += 1;
          await gate;
          ctx.accessLog.read('Client', [id]);
          return { id, name: `Asiakas ${runs}` };
        },
      },
    },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      touch: {
        type: GraphQLInt,
        async resolve() {
          runs += 1;
          await gate;
          return runs;
        },
      },
    },
  }),
});

let db: TestDatabase;
let database: Database;
let server: RunningServer;
let dataDir: string;
let requestsSeen = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-shared-reads-'));
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
  });
  const logger = createLogger('shared-reads-test', 'silent');
  database = await openDatabase(
    config,
    { schema: 'shared_reads_test', entities: [], migrations: [] },
    logger,
  );
  server = await startSubgraphServer({
    name: 'shared-reads-test',
    schema,
    config,
    logger,
    database,
    verify: await createVerifier(config),
    defaultPort: 0,
    extendContext: (base) => base,
    attach: (http) => {
      http.on('request', () => (requestsSeen += 1));
      return async () => {};
    },
  });
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const token = (sub: string) =>
  signDevToken(dataDir, {
    sub,
    role: 'ADVISER',
    municipalities: ['837'],
  });

function post(query: string, requestId: string, bearer: string, variables = {}) {
  return fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${bearer}`,
      'x-request-id': requestId,
    },
    body: JSON.stringify({ query, variables }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown }));
}

/** Sends the requests with the gate closed and opens it once all of them have arrived. */
async function inFlightTogether<T>(requests: Array<() => Promise<T>>): Promise<T[]> {
  closeGate();
  const seenBefore = requestsSeen;
  const answers = Promise.all(requests.map((send) => send()));
  while (requestsSeen < seenBefore + requests.length) await new Promise((r) => setTimeout(r, 10));
  // Give the last bodies a moment to be read and matched before the first answer completes.
  await new Promise((r) => setTimeout(r, 100));
  openGate();
  return answers;
}

async function accessRows(prefix: string) {
  // As the superuser: the service's role may append to the access log, not read it.
  return queryDatabase<Record<string, string>>(
    db.url,
    `SELECT request_id, client_id, action, subject, actor_id FROM audit.access_log
     WHERE request_id LIKE $1 ORDER BY request_id`,
    [`${prefix}%`],
  );
}

const READ = `query($id: ID!) { client(id: $id) { id name } }`;

describe('identical reads in flight', () => {
  it('run once, answer every request, and log each read under its own request id', async () => {
    const bearer = await token('adviser-a');
    runs = 0;
    const answers = await inFlightTogether(
      [1, 2, 3, 4, 5].map((n) => () => post(READ, `same-${n}`, bearer, { id: CLIENT_ID })),
    );
    expect(runs).toBe(1);
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 200,
        body: { data: { client: { id: CLIENT_ID, name: 'Asiakas 1' } } },
      });
    }
    const rows = await accessRows('same-');
    expect(rows).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({
        request_id: `same-${n}`,
        client_id: CLIENT_ID,
        action: 'READ',
        subject: 'Client',
        actor_id: 'adviser-a',
      })),
    );
  });

  it('are not shared between callers, nor across different variables', async () => {
    const [a, b] = await Promise.all([token('adviser-a'), token('adviser-b')]);
    runs = 0;
    const other = '00000000-0000-4000-8000-00000000c002';
    await inFlightTogether([
      () => post(READ, 'apart-1', a, { id: CLIENT_ID }),
      () => post(READ, 'apart-2', b, { id: CLIENT_ID }),
      () => post(READ, 'apart-3', a, { id: other }),
    ]);
    expect(runs).toBe(3);
    const rows = await accessRows('apart-');
    expect(rows.map((r) => [r.request_id, r.actor_id, r.client_id])).toEqual([
      ['apart-1', 'adviser-a', CLIENT_ID],
      ['apart-2', 'adviser-b', CLIENT_ID],
      ['apart-3', 'adviser-a', other],
    ]);
  });

  it('never share a mutation', async () => {
    const bearer = await token('adviser-a');
    runs = 0;
    const answers = await inFlightTogether(
      [1, 2, 3].map((n) => () => post(`mutation { touch }`, `change-${n}`, bearer)),
    );
    expect(runs).toBe(3);
    expect(answers.every((a) => a.status === 200)).toBe(true);
  });

  it('keep nothing once answered: the next identical read runs again', async () => {
    const bearer = await token('adviser-a');
    runs = 0;
    gate = Promise.resolve();
    const first = await post(READ, 'later-1', bearer, { id: CLIENT_ID });
    const second = await post(READ, 'later-2', bearer, { id: CLIENT_ID });
    expect(runs).toBe(2);
    expect(first.body).toEqual({ data: { client: { id: CLIENT_ID, name: 'Asiakas 1' } } });
    expect(second.body).toEqual({ data: { client: { id: CLIENT_ID, name: 'Asiakas 2' } } });
  });
});
