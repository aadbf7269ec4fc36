import { OWNER_ROLE, serviceRole } from './roles';

/** What runs the statements: a migration's query runner. */
interface RunsSql {
  query(sql: string): Promise<unknown>;
}

/**
 * A service logs in as its own role (`hb_<schema>`), which may use the rows of its schema's
 * tables and nothing more: no ownership, no TRUNCATE, no DDL, no other schema. Tables that later
 * migrations (run by the owner role) create get the same grants by default. These are, word for
 * word, the statements each subgraph's DatabaseRole migration ran before they were folded here,
 * so a database migrated earlier is in the same state as a new one.
 */
export function serviceRoleGrants(schema: string): string[] {
  const role = serviceRole(schema);
  return [
    `REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`,
    // The migrations' own bookkeeping stays the owner's.
    `REVOKE ALL ON ${schema}.migrations FROM ${role}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA ${schema}
      GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA ${schema}
      GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ];
}

/** Undoes {@link serviceRoleGrants} (a migration's `down`). */
export function serviceRoleRevokes(schema: string): string[] {
  const role = serviceRole(schema);
  return [
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA ${schema}
      REVOKE ALL ON TABLES FROM ${role}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${OWNER_ROLE} IN SCHEMA ${schema}
      REVOKE ALL ON SEQUENCES FROM ${role}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${role}`,
    `REVOKE ALL ON SCHEMA ${schema} FROM ${role}`,
  ];
}

export async function grantServiceRole(q: RunsSql, schema: string): Promise<void> {
  for (const sql of serviceRoleGrants(schema)) await q.query(sql);
}

export async function revokeServiceRole(q: RunsSql, schema: string): Promise<void> {
  for (const sql of serviceRoleRevokes(schema)) await q.query(sql);
}
