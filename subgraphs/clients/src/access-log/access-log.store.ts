import type { DataSource } from 'typeorm';

export interface AccessLogRow {
  id: string;
  at: Date;
  service: string;
  actorId: string;
  actorRole: string;
  actorOrganisation: string | null;
  clientId: string;
  action: string;
  subject: string;
  purpose: string;
  requestId: string;
}

/** Reads the shared, append-only access log (written by every service through the kit). */
export class AccessLogStore {
  constructor(private readonly db: DataSource) {}

  /** Newest first; `afterId` continues below the last id seen. */
  async page(clientId: string, limit: number, afterId: string | null) {
    const rows: AccessLogRow[] = await this.db.query(
      `SELECT id::text AS id, at, service, actor_id AS "actorId", actor_role AS "actorRole",
              actor_organisation AS "actorOrganisation", client_id AS "clientId", action,
              subject, purpose, request_id AS "requestId"
       FROM audit.access_log
       WHERE client_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
       ORDER BY id DESC LIMIT $3`,
      [clientId, afterId, limit + 1],
    );
    const [{ count }] = (await this.db.query(
      `SELECT count(*)::int AS count FROM audit.access_log WHERE client_id = $1`,
      [clientId],
    )) as [{ count: number }];
    return { rows, total: count };
  }
}
