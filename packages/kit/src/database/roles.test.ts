import crypto from 'node:crypto';
import { queryDatabase } from '../testing/query-database';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import {
  AUDIT_WRITER_ROLE,
  OWNER_ROLE,
  provisionDatabase,
  rolePassword,
  roleUrl,
  serviceRole,
} from './roles';

let first: TestDatabase;
let second: TestDatabase;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([first?.drop(), second?.drop()]);
});

const SCHEMA = 'roles_test';

describe('provisionDatabase', () => {
  it('creates the roles once, whatever the number of services and databases starting at once', async () => {
    // Roles are cluster-wide: services of two databases race for the same CREATE ROLE.
    await Promise.all(
      [first, second, first, second, first, second].map((db) =>
        provisionDatabase(db.url, { schema: SCHEMA, secret: undefined }),
      ),
    );
    const roles = await queryDatabase<Record<string, unknown>>(
      first.url,
      `SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin
         FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname`,
      [[OWNER_ROLE, AUDIT_WRITER_ROLE, serviceRole(SCHEMA)]],
    );
    const plain = {
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolreplication: false,
      rolbypassrls: false,
    };
    expect(roles).toEqual([
      { rolname: AUDIT_WRITER_ROLE, ...plain, rolcanlogin: false },
      { rolname: OWNER_ROLE, ...plain, rolcanlogin: true },
      { rolname: 'hb_roles_test', ...plain, rolcanlogin: true },
    ]);
    for (const db of [first, second]) {
      const owners = await queryDatabase(
        db.url,
        `SELECT nspname, pg_get_userbyid(nspowner) AS owner FROM pg_namespace
          WHERE nspname IN ('audit', $1) ORDER BY 1`,
        [SCHEMA],
      );
      expect(owners).toEqual([
        { nspname: 'audit', owner: OWNER_ROLE },
        { nspname: SCHEMA, owner: OWNER_ROLE },
      ]);
    }
  });

  it('hands what a superuser made before the roles existed to the owner', async () => {
    const old = 'roles_test_old';
    await queryDatabase(
      first.url,
      `CREATE SCHEMA ${old};
       CREATE TABLE ${old}.thing (id serial PRIMARY KEY, name text);
       CREATE SEQUENCE ${old}.free_seq;
       CREATE VIEW ${old}.names AS SELECT name FROM ${old}.thing;
       CREATE TYPE ${old}.mood AS ENUM ('ok');
       CREATE FUNCTION ${old}.noop(a int) RETURNS int LANGUAGE sql AS 'SELECT a'`,
    );
    await provisionDatabase(first.url, { schema: old, secret: undefined });
    const notOwned = await queryDatabase(
      first.url,
      `SELECT 'relation ' || c.relname AS object FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind <> 'i' AND pg_get_userbyid(c.relowner) <> $2
       UNION ALL
       SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2
       UNION ALL
       SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = $1 AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> $2
       UNION ALL
       SELECT 'schema' FROM pg_namespace WHERE nspname = $1 AND pg_get_userbyid(nspowner) <> $2`,
      [old, OWNER_ROLE],
    );
    expect(notOwned).toEqual([]);
  });

  it('puts back a role someone gave more rights or another group', async () => {
    const role = serviceRole(SCHEMA);
    await queryDatabase(first.url, `ALTER ROLE ${role} SUPERUSER CREATEROLE BYPASSRLS`);
    await queryDatabase(first.url, `GRANT ${OWNER_ROLE} TO ${role}`);
    await provisionDatabase(first.url, { schema: SCHEMA, secret: undefined });
    expect(
      await queryDatabase(
        first.url,
        `SELECT rolsuper, rolcreaterole, rolbypassrls,
                ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                       WHERE m.member = r.oid) AS groups
           FROM pg_roles r WHERE rolname = $1`,
        [role],
      ),
    ).toEqual([
      { rolsuper: false, rolcreaterole: false, rolbypassrls: false, groups: [AUDIT_WRITER_ROLE] },
    ]);
  });
});

/** Whether a stored SCRAM-SHA-256 verifier (pg_authid.rolpassword) is of this password. */
function scramMatches(verifier: string, password: string): boolean {
  const match = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):/.exec(verifier);
  if (!match) return false;
  const salted = crypto.pbkdf2Sync(
    password,
    Buffer.from(match[2]!, 'base64'),
    Number(match[1]),
    32,
    'sha256',
  );
  const clientKey = crypto.createHmac('sha256', salted).update('Client Key').digest();
  return crypto.createHash('sha256').update(clientKey).digest('base64') === match[3];
}

describe('role passwords', () => {
  const schema = 'roles_test_secret';
  const secret = crypto.randomBytes(24).toString('hex');

  afterAll(async () => {
    // Other test files log in without passwords; leave the shared roles as they found them.
    await queryDatabase(first.url, `ALTER ROLE ${OWNER_ROLE} PASSWORD NULL`);
    await queryDatabase(first.url, `ALTER ROLE ${serviceRole(schema)} PASSWORD NULL`);
  });

  it('are set from the secret, one per role, and are the ones in the role addresses', async () => {
    await provisionDatabase(first.url, { schema, secret });
    const rows = await queryDatabase<{ rolname: string; rolpassword: string | null }>(
      first.url,
      `SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY($1) ORDER BY 1`,
      [[OWNER_ROLE, serviceRole(schema)]],
    );
    expect(rows.map((r) => r.rolname)).toEqual([OWNER_ROLE, serviceRole(schema)]);
    for (const { rolname, rolpassword } of rows) {
      const fromUrl = decodeURIComponent(new URL(roleUrl(first.url, rolname, secret)).password);
      expect({ rolname, matches: scramMatches(rolpassword ?? '', fromUrl) }).toEqual({
        rolname,
        matches: true,
      });
      expect(scramMatches(rolpassword ?? '', rolePassword('another secret', rolname))).toBe(false);
    }
  });
});

describe('role addresses', () => {
  it('keep the bootstrap host and database and carry the derived password', () => {
    const url = new URL(
      roleUrl(
        'postgres://admin:secret@db.example:6543/hb?sslmode=require',
        'hb_clients',
        'k'.repeat(32),
      ),
    );
    expect(url.host).toBe('db.example:6543');
    expect(url.pathname).toBe('/hb');
    expect(url.search).toBe('?sslmode=require');
    expect(url.username).toBe('hb_clients');
    expect(decodeURIComponent(url.password)).toBe(rolePassword('k'.repeat(32), 'hb_clients'));
    expect(rolePassword('k'.repeat(32), 'hb_clients')).not.toBe(
      rolePassword('k'.repeat(32), 'hb_budgets'),
    );
    expect(new URL(roleUrl('postgres://admin:x@h/db', 'hb_owner', undefined)).password).toBe('');
  });

  it('refuse a schema name that is not a plain identifier', () => {
    for (const schema of ['Clients', 'a-b', 'x; DROP ROLE postgres', '']) {
      expect(() => serviceRole(schema)).toThrow(/plain schema name/);
    }
  });
});
