import crypto from 'node:crypto';
import { Client } from 'pg';
import { present } from './sql';

/**
 * Owns every schema, table and function of the platform and runs the migrations. Not a
 * superuser: it cannot set `session_replication_role`, create roles or touch other databases.
 */
export const OWNER_ROLE = 'hb_owner';

/**
 * Group role whose members may append to the access log (INSERT on `audit.access_log`, nothing
 * else). Every service role is a member; the grants themselves are made by the audit migration.
 */
export const AUDIT_WRITER_ROLE = 'hb_audit_writer';

/** The schema of the shared, append-only access log. */
export const AUDIT_SCHEMA = 'audit';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,40}$/;

/** The role a service logs in as: `hb_<schema>` (e.g. `hb_clients`). */
export function serviceRole(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`Not a plain schema name: ${schema}`);
  return `hb_${schema}`;
}

/**
 * A role's password, derived from the one secret so that no list of passwords has to be
 * kept in step between the set-up and the services.
 */
export function rolePassword(secret: string, role: string): string {
  return crypto.createHmac('sha256', secret).update(`hb-database-role:${role}`).digest('base64url');
}

/**
 * The bootstrap connection's address with another role as the user: same host, port and
 * database; the role's derived password when there is a secret, none otherwise (the server
 * must then trust the role, e.g. trust or peer authentication for local connections).
 */
export function roleUrl(bootstrapUrl: string, role: string, secret: string | undefined): string {
  const url = new URL(bootstrapUrl);
  url.username = role;
  url.password = secret ? rolePassword(secret, role) : '';
  return url.toString();
}

/** Options of {@link provisionDatabase}. */
export interface ProvisionOptions {
  /** The schema of the service that is starting; its role is created and may log in. */
  schema: string;
  /** Passwords are derived from it (see {@link rolePassword}); without it roles have none. */
  secret: string | undefined;
}

/**
 * Creates the platform's roles and hands the service's schema and the audit schema to the
 * owner, from the bootstrap connection (a superuser, as CI and the embedded database give).
 * Idempotent and safe when many services and test files run it at once: roles are
 * cluster-wide, and advisory locks only separate sessions of one database, so a racing
 * CREATE ROLE or GRANT is retried; per-database steps hold an advisory lock of that database.
 */
export async function provisionDatabase(
  bootstrapUrl: string,
  options: ProvisionOptions,
): Promise<void> {
  const service = serviceRole(options.schema);
  const db = new Client({ connectionString: bootstrapUrl, application_name: 'hb-provision' });
  await db.connect();
  try {
    // Every start after the first finds everything in place: one query says so. With a secret
    // the passwords are set again each time (they cannot be read back to compare).
    if (!options.secret && (await provisioned(db, service, options.schema))) return;
    await retryingRaces(() => provisionRoles(db, service, options.secret));
    await retryingRaces(() => provisionSchemas(db, options.schema));
  } finally {
    await db.end();
  }
}

const ELEVATED = 'rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls';

/**
 * True when provisioning would change nothing: the roles exist with their attributes, the
 * service role belongs to the log's writers only, the owner's database grants are there and
 * PUBLIC's TEMPORARY is not, both extensions exist, and the audit and service schemas and
 * every object in them belong to the owner. Stricter than the steps themselves where simpler
 * (a column's sequence must belong to the owner too); anything else runs the full steps.
 */
async function provisioned(db: Client, service: string, schema: string): Promise<boolean> {
  // The owner by its oid from a subquery: a cast to regrole fails where the role is missing.
  const result = await db.query<{ ok: boolean | null }>(
    `WITH owner AS (SELECT oid FROM pg_roles WHERE rolname = '${OWNER_ROLE}')
     SELECT
       (SELECT count(*) FROM pg_roles WHERE rolname = '${AUDIT_WRITER_ROLE}'
           AND NOT (${ELEVATED}) AND NOT rolcanlogin) = 1
       AND (SELECT count(*) FROM pg_roles WHERE rolname IN ('${OWNER_ROLE}', $1)
           AND NOT (${ELEVATED}) AND rolcanlogin) = 2
       AND ARRAY(SELECT r.rolname::text FROM pg_auth_members m
                   JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                  WHERE u.rolname = $1) = ARRAY['${AUDIT_WRITER_ROLE}']
       AND (SELECT count(DISTINCT a.privilege_type) FROM pg_database d, aclexplode(d.datacl) a
             WHERE d.datname = current_database() AND a.grantee = (SELECT oid FROM owner)
               AND a.privilege_type IN ('CONNECT', 'CREATE')) = 2
       AND (SELECT d.datacl IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM aclexplode(d.datacl) a
               WHERE a.grantee = 0 AND a.privilege_type = 'TEMPORARY')
              FROM pg_database d WHERE d.datname = current_database())
       AND (SELECT count(*) FROM pg_extension WHERE extname IN ('pgcrypto', 'pg_trgm')) = 2
       AND (SELECT count(*) FROM pg_namespace n
             WHERE n.nspname IN ('${AUDIT_SCHEMA}', $2) AND n.nspowner = (SELECT oid FROM owner)
               AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid
                   AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                   AND c.relowner <> (SELECT oid FROM owner))
               AND NOT EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid
                   AND p.proowner <> (SELECT oid FROM owner))
               AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE t.typnamespace = n.oid
                   AND t.typtype IN ('e', 'd') AND t.typowner <> (SELECT oid FROM owner))
           ) = 2 AS ok`,
    [service, schema],
  );
  return result.rows[0]?.ok === true;
}

const LOGIN_ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

async function provisionRoles(db: Client, service: string, secret: string | undefined) {
  await ensureRole(db, AUDIT_WRITER_ROLE, 'NOLOGIN', undefined);
  await ensureRole(db, OWNER_ROLE, LOGIN_ATTRIBUTES, secret);
  await ensureRole(db, service, LOGIN_ATTRIBUTES, secret);
  // A service role belongs to the log's writers and to nothing else (through another group
  // it could SET ROLE to an owner and truncate the log).
  const groups = await db.query<{ name: string }>(
    `SELECT r.rolname AS name FROM pg_auth_members m
       JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
      WHERE u.rolname = $1`,
    [service],
  );
  const names = groups.rows.map((g) => g.name);
  for (const name of names.filter((n) => n !== AUDIT_WRITER_ROLE)) {
    await db.query(`REVOKE ${db.escapeIdentifier(name)} FROM ${service}`);
  }
  if (!names.includes(AUDIT_WRITER_ROLE)) {
    await db.query(`GRANT ${AUDIT_WRITER_ROLE} TO ${service}`);
  }
}

async function ensureRole(
  db: Client,
  role: string,
  attributes: string,
  secret: string | undefined,
): Promise<void> {
  const found = await db.query<{ elevated: boolean; rolcanlogin: boolean }>(
    `SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls AS elevated,
            rolcanlogin
       FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  const password = secret ? ` PASSWORD ${db.escapeLiteral(rolePassword(secret, role))}` : '';
  const existing = found.rows[0];
  if (!existing) {
    await db.query(`CREATE ROLE ${role} ${attributes}${password}`);
    return;
  }
  // A role someone gave more rights (or whose secret changed) is put back as it must be.
  const wantsLogin = attributes.startsWith('LOGIN');
  if (existing.elevated || existing.rolcanlogin !== wantsLogin || password) {
    const plain = wantsLogin
      ? attributes
      : `${attributes} ${LOGIN_ATTRIBUTES.slice('LOGIN '.length)}`;
    await db.query(`ALTER ROLE ${role} ${plain}${password}`);
  }
}

// One number for every database: the lock is per database anyway.
const PROVISION_LOCK = 7_311_2023;

async function provisionSchemas(db: Client, schema: string): Promise<void> {
  await db.query('BEGIN');
  try {
    await db.query('SELECT pg_advisory_xact_lock($1)', [PROVISION_LOCK]);
    const database = db.escapeIdentifier(
      present(
        (await db.query<{ name: string }>('SELECT current_database() AS name')).rows[0],
        'current_database()',
      ).name,
    );
    await db.query(`GRANT CONNECT, CREATE ON DATABASE ${database} TO ${OWNER_ROLE}`);
    // Temporary tables are objects too; no service needs to create any.
    await db.query(`REVOKE TEMPORARY ON DATABASE ${database} FROM PUBLIC`);
    // Extensions need a superuser; the schemas' migrations only find them present.
    await db.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    for (const name of [AUDIT_SCHEMA, schema]) await ownSchema(db, name);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Creates the schema owned by the owner role, or hands an existing one to it with everything
 * in it: databases made before the roles existed had every object owned by the superuser.
 */
async function ownSchema(db: Client, schema: string): Promise<void> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${OWNER_ROLE}`);
  const foreign = await db.query<{ statement: string }>(
    `SELECT format('ALTER SCHEMA %I OWNER TO ${OWNER_ROLE}', n.nspname) AS statement
       FROM pg_namespace n WHERE n.nspname = $1 AND n.nspowner <> '${OWNER_ROLE}'::regrole
     UNION ALL
     -- Tables, views and free sequences; a column's sequence follows its table.
     SELECT format('ALTER TABLE %I.%I OWNER TO ${OWNER_ROLE}', n.nspname, c.relname)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND c.relowner <> '${OWNER_ROLE}'::regrole
        AND NOT (c.relkind = 'S' AND EXISTS (
          SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
             AND d.deptype IN ('a', 'i') AND d.refclassid = 'pg_class'::regclass))
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO ${OWNER_ROLE}', p.oid::regprocedure)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proowner <> '${OWNER_ROLE}'::regrole
     UNION ALL
     SELECT format('ALTER TYPE %I.%I OWNER TO ${OWNER_ROLE}', n.nspname, t.typname)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd') AND t.typowner <> '${OWNER_ROLE}'::regrole`,
    [schema],
  );
  for (const { statement } of foreign.rows) await db.query(statement);
}

/**
 * Runs a step again when it lost a race with another process doing the same: a role or a
 * membership created in between (duplicate), or a catalogue row updated concurrently.
 */
async function retryingRaces(step: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (error) {
      if (attempt >= 8 || !isRace(error)) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

function isRace(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === '42710' || // duplicate_object
    code === '23505' || // unique_violation in a catalogue
    code === '40001' ||
    code === '40P01' ||
    (code === 'XX000' && /concurrently/.test(message ?? ''))
  );
}
