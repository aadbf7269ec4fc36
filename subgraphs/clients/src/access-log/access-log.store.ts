import type { DataSource } from 'typeorm';

export interface AccessLogRow {
  id: string;
  at: Date;
  /** `at` to the microsecond, as PostgreSQL prints it: the cursor's key (a Date keeps ms). */
  atKey: string;
  service: string;
  actorId: string;
  actorRole: string;
  actorOrganisation: string | null;
  /** A staff member's, team member's or the client's own name, when the actor is one. */
  actorName: string | null;
  /** The staff member's role in the staff table (OWN_WORKER, HB_ADVISER, ORGANISER). */
  actorStaffRole: string | null;
  /** The acting municipality's name, when the organisation is a municipality code. */
  actorMunicipalityName: string | null;
  actorMunicipalityNameSv: string | null;
  clientId: string;
  action: string;
  subject: string;
  purpose: string;
  requestId: string;
}

/** Where a page of the log continues: below this (time, id). */
export interface AccessLogKey {
  at: string;
  id: string;
}

/** Reads the shared, append-only access log (written by every service through the kit). */
export class AccessLogStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Newest first by (time, id): entries of one request share their time, so the id breaks
   * ties. `after` is the key of the last row seen; the comparison is a row comparison on
   * the real columns, so every entry is on exactly one page.
   */
  async page(clientId: string, limit: number, after: AccessLogKey | null) {
    const rows: AccessLogRow[] = await this.db.query(
      `SELECT l.id::text AS id, l.at, l.at::text AS "atKey", l.service, l.actor_id AS "actorId",
              l.actor_role AS "actorRole", l.actor_organisation AS "actorOrganisation",
              COALESCE(s.name, t.name, CASE WHEN c.id IS NOT NULL
                THEN c.first_name || ' ' || c.last_name END) AS "actorName",
              s.role AS "actorStaffRole",
              m.name AS "actorMunicipalityName", m.name_sv AS "actorMunicipalityNameSv",
              l.client_id AS "clientId", l.action, l.subject, l.purpose,
              l.request_id AS "requestId"
       FROM audit.access_log l
       LEFT JOIN clients.staff_member s
         ON l.actor_role IN ('ADVISER', 'WORKER', 'ORGANISER') AND s.id::text = l.actor_id
       LEFT JOIN clients.team_member t
         ON l.actor_role = 'TEAM_MEMBER' AND t.id::text = l.actor_id AND t.client_id = l.client_id
       LEFT JOIN clients.client c
         ON l.actor_role = 'CLIENT' AND c.id::text = l.actor_id AND c.id = l.client_id
       LEFT JOIN clients.municipality m
         ON l.actor_role <> 'PROVIDER' AND m.code = l.actor_organisation
       WHERE l.client_id = $1
         AND ($2::timestamptz IS NULL OR (l.at, l.id) < ($2::timestamptz, $3::bigint))
       ORDER BY l.at DESC, l.id DESC
       LIMIT $4`,
      [clientId, after?.at ?? null, after?.id ?? null, limit + 1],
    );
    const [{ count }] = await this.db.query<[{ count: number }]>(
      `SELECT count(*)::int AS count FROM audit.access_log WHERE client_id = $1`,
      [clientId],
    );
    return { rows, total: count };
  }
}
