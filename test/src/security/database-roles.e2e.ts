import crypto from 'node:crypto';
import http from 'node:http';
import { DEMO, OWNER_ROLE, roleUrl, serviceRole } from '@hb/kit';
import { countRows, queryDatabase } from '@hb/kit/testing';
import { startTestPlatform, tokens, type TestPlatform } from '../testkit';

/**
 * Issue 14, finding 8: the access log could be emptied by the services' own database user,
 * and the request id and purpose were logged as the caller sent them. Each service now logs
 * in as its own role; these tests attack the log and the other schemas as each of them, on
 * the database the running platform uses.
 */
let platform: TestPlatform;
const SERVICES = ['clients', 'budgets', 'providers', 'plans'] as const;
const SCHEMAS = [...SERVICES, 'audit'];
const TABLE_OF: Record<(typeof SERVICES)[number], string> = {
  clients: 'clients.client',
  budgets: 'budgets.budget',
  providers: 'providers.provider',
  plans: 'plans.implementation_plan',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  platform = await startTestPlatform();
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-50).join('\n'));
  }
});

/** One statement on a connection of its own, logged in as `role` (no password: trust). */
const as = (role: string, sql: string) =>
  queryDatabase(roleUrl(platform.databaseUrl, role, undefined), sql);
/** The same as the bootstrap superuser, for looking behind the services. */
const asSuperuser = <Row extends object>(sql: string, params: unknown[] = []) =>
  queryDatabase<Row>(platform.databaseUrl, sql, params);

/** The access-log rows of one request, from every service that wrote one. */
async function logRows(where: string, params: unknown[]) {
  return asSuperuser<{ service: string; purpose: string; request_id: string; subject: string }>(
    `SELECT service, purpose, request_id, subject FROM audit.access_log WHERE ${where} ORDER BY id`,
    params,
  );
}

/** A query that crosses the clients, budgets and plans subgraphs for Essi. */
const ESSI_PAGE = `query($id: ID!) { client(id: $id) { firstName budgets { id } plans { id } } }`;

/** Posts through the gateway; each header character below 256 goes on the wire as one byte. */
function rawPost(headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      platform.gatewayUrl,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    // A Buffer body: with a string body Node would write the headers in the body's encoding.
    req.end(Buffer.from(body, 'utf8'));
  });
}

describe('service roles cannot touch the access log beyond appending', () => {
  it('the running services are logged in as their own roles, none of them a superuser', async () => {
    const roles = await asSuperuser<{ rolname: string; rolsuper: boolean; member: string[] }>(
      `SELECT r.rolname, r.rolsuper,
              ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     WHERE m.member = r.oid ORDER BY 1) AS member
         FROM pg_roles r WHERE r.rolname = ANY($1) ORDER BY 1`,
      [[OWNER_ROLE, ...SERVICES.map(serviceRole)]],
    );
    expect(roles).toEqual(
      [OWNER_ROLE, ...SERVICES.map(serviceRole)].sort().map((rolname) => ({
        rolname,
        rolsuper: false,
        member: rolname === OWNER_ROLE ? [] : ['hb_audit_writer'],
      })),
    );
    // The embedded database has one session, so only a real server shows who is connected.
    if (process.env.DATABASE_URL) {
      // Pools close idle connections after 10 s: first make every subgraph use one.
      const res = await platform.gql(
        `query($id: ID!) { client(id: $id) { firstName budgets { id } plans { id } }
                           providers(first: 1) { totalCount } }`,
        { id: DEMO.essiClientId },
        { token: await tokens(platform).adviser() },
      );
      expect(res.errors).toBeUndefined();
      const connected = await asSuperuser<{ app: string; users: string[] }>(
        `SELECT application_name AS app, array_agg(DISTINCT usename::text) AS users
           FROM pg_stat_activity WHERE datname = current_database() AND application_name = ANY($1)
          GROUP BY 1 ORDER BY 1`,
        [SERVICES.map((s) => `hb-${s}`)],
      );
      expect(connected).toEqual(
        [...SERVICES].sort().map((s) => ({ app: `hb-${s}`, users: [serviceRole(s)] })),
      );
    }
  });

  it.each(SERVICES)('refuses %s every way of emptying or bypassing the log', async (service) => {
    const role = serviceRole(service);
    const before = await countRows(platform.databaseUrl, SCHEMAS);
    expect(before['audit.access_log']).toBeGreaterThan(0);
    const attacks: Array<[string, RegExp]> = [
      ['TRUNCATE audit.access_log', /permission denied/],
      ['ALTER TABLE audit.access_log DISABLE TRIGGER access_log_append_only', /must be owner/],
      ['ALTER TABLE audit.access_log DISABLE TRIGGER ALL', /must be owner/],
      ['DROP TRIGGER access_log_append_only ON audit.access_log', /must be owner/],
      ['DROP TABLE audit.access_log', /must be owner/],
      ['SET session_replication_role = replica', /permission denied/],
      [`UPDATE audit.access_log SET purpose = 'x'`, /permission denied/],
      ['DELETE FROM audit.access_log', /permission denied/],
      [`TRUNCATE ${TABLE_OF[service]}`, /permission denied/],
      [`CREATE TABLE ${service}.intruder (a int)`, /permission denied/],
      ['CREATE TEMPORARY TABLE intruder (a int)', /permission denied/],
      ['CREATE SCHEMA intruder', /permission denied/],
      [`ALTER TABLE ${TABLE_OF[service]} DISABLE TRIGGER ALL`, /must be owner/],
    ];
    // PGlite's one session is the superuser's, so there SET ROLE can always go back (README).
    if (process.env.DATABASE_URL) attacks.push([`SET ROLE ${OWNER_ROLE}`, /permission denied/]);
    if (service !== 'clients') {
      attacks.push(['SELECT count(*) FROM audit.access_log', /permission denied/]);
    }
    for (const other of SERVICES.filter((s) => s !== service)) {
      attacks.push([`SELECT count(*) FROM ${TABLE_OF[other]}`, /permission denied/]);
    }
    for (const [sql, refusal] of attacks) {
      const outcome = await as(role, sql).then(
        () => 'allowed',
        (error: Error) => error.message,
      );
      expect({ sql, outcome }).toEqual({ sql, outcome: expect.stringMatching(refusal) });
    }
    expect(await countRows(platform.databaseUrl, SCHEMAS)).toEqual(before);
  });

  it('lets each role do its own work: its own rows, and appending to the log', async () => {
    for (const service of SERVICES) {
      const [row] = await as(
        serviceRole(service),
        `SELECT count(*)::int AS n FROM ${TABLE_OF[service]}`,
      );
      expect(row).toEqual({ n: expect.any(Number) });
    }
    expect(
      await as(serviceRole('clients'), 'SELECT count(*)::int AS n FROM audit.access_log'),
    ).toEqual([{ n: expect.any(Number) }]);
  });
});

describe('request id and declared purpose', () => {
  it('logs a purpose with ä and ö exactly, percent-encoded or as raw UTF-8, in every service', async () => {
    const token = await tokens(platform).adviser();
    const body = JSON.stringify({ query: ESSI_PAGE, variables: { id: DEMO.essiClientId } });
    for (const [how, header] of [
      ['percent-encoded', encodeURIComponent('säännöntarkistus ö')],
      // Node writes a header string as Latin-1 bytes: these are the purpose's UTF-8 bytes.
      ['raw UTF-8', Buffer.from('säännöntarkistus ö', 'utf8').toString('latin1')],
    ] as const) {
      const requestId = `purpose-${crypto.randomUUID()}`;
      const res = await rawPost(
        {
          authorization: `Bearer ${token}`,
          'x-request-id': requestId,
          'x-access-purpose': header,
        },
        body,
      );
      expect({ how, status: res.status, errors: res.status === 200 ? null : res.body }).toEqual({
        how,
        status: 200,
        errors: null,
      });
      const rows = await logRows('request_id = $1', [requestId]);
      expect(new Set(rows.map((r) => r.service))).toEqual(new Set(['clients', 'budgets', 'plans']));
      expect({ how, purposes: [...new Set(rows.map((r) => r.purpose))] }).toEqual({
        how,
        purposes: ['säännöntarkistus ö'],
      });
    }
  });

  it('reads the purpose back through the graph as it was declared', async () => {
    const requestId = `purpose-${crypto.randomUUID()}`;
    await platform.gql(
      ESSI_PAGE,
      { id: DEMO.essiClientId },
      {
        token: await tokens(platform).adviser(),
        headers: {
          'x-request-id': requestId,
          'x-access-purpose': encodeURIComponent('budjetin seuranta (päätös)'),
        },
      },
    );
    const log = await platform.gql<{
      client: { accessLog: { edges: Array<{ node: { requestId: string; purpose: string } }> } };
    }>(
      `query($id: ID!) { client(id: $id) { accessLog(first: 50) { edges { node { requestId purpose } } } } }`,
      { id: DEMO.essiClientId },
      { token: await tokens(platform).client(DEMO.essiClientId) },
    );
    const ours = log.data?.client.accessLog.edges.filter((e) => e.node.requestId === requestId);
    expect(ours?.length).toBeGreaterThan(0);
    expect(new Set(ours?.map((e) => e.node.purpose))).toEqual(
      new Set(['budjetin seuranta (päätös)']),
    );
  });

  it.each([
    ['with spaces and a semicolon', 'req 1; DROP TABLE'],
    ['too long', `a${'b'.repeat(64)}`],
    ['starting with punctuation', '-req'],
    ['with non-ASCII bytes', Buffer.from('pyyntö', 'utf8').toString('latin1')],
  ])('replaces a request id %s with one of its own, the same in every service', async (_, id) => {
    const marker = `tunniste ${crypto.randomBytes(6).toString('hex')}`;
    const res = await rawPost(
      {
        authorization: `Bearer ${await tokens(platform).adviser()}`,
        'x-request-id': id,
        'x-access-purpose': marker,
      },
      JSON.stringify({ query: ESSI_PAGE, variables: { id: DEMO.essiClientId } }),
    );
    expect(res.status).toBe(200);
    const rows = await logRows('purpose = $1', [marker]);
    expect(new Set(rows.map((r) => r.service))).toEqual(new Set(['clients', 'budgets', 'plans']));
    const ids = [...new Set(rows.map((r) => r.request_id))];
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(UUID);
  });

  it.each([
    ['markup', encodeURIComponent('<img src=x onerror=alert(1)>')],
    ['an encoded newline', encodeURIComponent('seuranta\nforged')],
    ['201 characters', encodeURIComponent('ö'.repeat(201))],
    ['a broken escape', '%C3%28'],
  ])('refuses a purpose with %s and logs nothing', async (_, purpose) => {
    const requestId = `purpose-${crypto.randomUUID()}`;
    const res = await rawPost(
      {
        authorization: `Bearer ${await tokens(platform).adviser()}`,
        'x-request-id': requestId,
        'x-access-purpose': purpose,
      },
      JSON.stringify({ query: ESSI_PAGE, variables: { id: DEMO.essiClientId } }),
    );
    expect(res.status).toBe(400);
    const answer = JSON.parse(res.body) as {
      data?: unknown;
      errors: Array<{ extensions?: { code?: string } }>;
    };
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(await logRows('request_id = $1', [requestId])).toEqual([]);
  });
});
