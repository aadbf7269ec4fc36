import { isUuid } from '@hb/kit';
import type { Queryable } from '../shared/sql';
import type { AlertAudience } from '../alert/alert-lifecycle';

export interface InboxItemRow {
  id: string;
  position: string;
  clientId: string;
  municipalityCode: string;
  audience: AlertAudience;
  kind: 'ALERT' | 'CONCERN';
  title: string;
  body: string;
  urgent: boolean;
  createdAt: Date;
  read: boolean;
  /** The staff member it is addressed to by name; null: the client, her team, or nobody named. */
  recipient: string | null;
}

/** A new item for one audience of one client. */
export interface NewInboxItem {
  audience: AlertAudience;
  title: string;
  body: string;
  urgent: boolean;
}

/**
 * Whose items a person reads: staff those addressed to them by name, and those of their role
 * in their municipalities that nobody was named for; a client or team by client.
 */
export type InboxScope =
  | {
      kind: 'STAFF';
      audience: 'OWN_WORKER' | 'ADVISER';
      municipalities: readonly string[];
      staffId: string;
    }
  | { kind: 'CLIENT'; audience: 'CLIENT' | 'TEAM'; clientId: string };

/** Who the client's named own worker and HB adviser are, as the clients subgraph says. */
export interface ClientStaffRow {
  clientId: string;
  municipalityCode: string;
  ownWorkerId: string | null;
  adviserId: string | null;
}

/**
 * The staff member an item of this audience goes to: the client's named own worker or adviser
 * (`cs` is her `client_staff` row, `aud` the audience column); null for the client and team, or
 * when nobody is named. SQL, so items are addressed in the statement that inserts them.
 */
const RECIPIENT = (aud: string) => `CASE ${aud} WHEN 'OWN_WORKER' THEN cs.own_worker_id
  WHEN 'ADVISER' THEN cs.adviser_id END`;

/** A staff member sees what is addressed to her, or to nobody by name in her municipalities. */
const STAFF_SCOPE = `i.audience = $1 AND i.municipality_code = ANY($2::text[])
  AND (i.recipient IS NULL OR i.recipient::text = $6)`;

const COLUMNS = `i.id, i.position::text AS position, i.client_id AS "clientId",
  i.municipality_code AS "municipalityCode", i.audience, i.kind, i.title, i.body, i.urgent,
  i.created_at AS "createdAt", (r.item_id IS NOT NULL) AS read, i.recipient::text AS recipient`;

/** SQL for the inbox: items addressed to audiences of a client, and who has read them. */
export class InboxStore {
  constructor(private readonly db: Queryable) {}

  /** Items for the alerts of `budgetId` with these keys, one per audience (caller's transaction). */
  async addForAlerts(
    m: Queryable,
    budgetId: string,
    items: ReadonlyArray<NewInboxItem & { key: string }>,
  ): Promise<void> {
    if (items.length === 0) return;
    await m.query(
      `INSERT INTO budgets.inbox_item
         (client_id, municipality_code, audience, kind, alert_id, title, body, urgent, recipient)
       SELECT b.client_id, b.municipality_code, t.audience, 'ALERT', a.id, t.title, t.body, t.urgent,
              ${RECIPIENT('t.audience')}
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])
              AS t(key, audience, title, body, urgent)
       JOIN budgets.budget_alert a ON a.budget_id = $1 AND a.key = t.key
       JOIN budgets.budget b ON b.id = a.budget_id
       LEFT JOIN budgets.client_staff cs ON cs.client_id = b.client_id`,
      [
        budgetId,
        items.map((i) => i.key),
        items.map((i) => i.audience),
        items.map((i) => i.title),
        items.map((i) => i.body),
        items.map((i) => i.urgent),
      ],
    );
  }

  async addForConcern(
    m: Queryable,
    concern: { id: string; clientId: string; municipalityCode: string },
    item: NewInboxItem,
  ): Promise<void> {
    await m.query(
      `INSERT INTO budgets.inbox_item
         (client_id, municipality_code, audience, kind, concern_id, title, body, urgent, recipient)
       SELECT $1, $2, $3, 'CONCERN', $4, $5, $6, $7, ${RECIPIENT('$3::text')}
       FROM (SELECT 1) one LEFT JOIN budgets.client_staff cs ON cs.client_id = $1::uuid`,
      [
        concern.clientId,
        concern.municipalityCode,
        item.audience,
        concern.id,
        item.title,
        item.body,
        item.urgent,
      ],
    );
  }

  /** One page, newest first, with the person's read marks; `total` over the whole scope. */
  async page(
    scope: InboxScope,
    person: string,
    limit: number,
    before: string | null,
  ): Promise<{ rows: InboxItemRow[]; total: number }> {
    const where =
      scope.kind === 'STAFF' ? STAFF_SCOPE : `i.audience = $1 AND i.client_id = $2::uuid`;
    const target = scope.kind === 'STAFF' ? scope.municipalities : scope.clientId;
    // The count is over the whole scope; the keyset only cuts the page.
    const rows: Array<InboxItemRow & { total: string }> = await this.db.query(
      `SELECT ${COLUMNS}, (SELECT count(*) FROM budgets.inbox_item i WHERE ${where}) AS total
       FROM budgets.inbox_item i
       LEFT JOIN budgets.inbox_read r ON r.item_id = i.id AND r.person = $3
       WHERE ${where} AND ($5::bigint IS NULL OR i.position < $5::bigint)
       ORDER BY i.position DESC LIMIT $4`,
      [
        scope.audience,
        target,
        person,
        limit,
        before,
        ...(scope.kind === 'STAFF' ? [scope.staffId] : []),
      ],
    );
    const total = Number(rows[0]?.total ?? 0);
    return { rows: rows.map(({ total: _total, ...r }) => r), total };
  }

  async byId(id: string): Promise<InboxItemRow | null> {
    if (!isUuid(id)) return null;
    const rows: InboxItemRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM budgets.inbox_item i
       LEFT JOIN budgets.inbox_read r ON r.item_id = i.id AND false WHERE i.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async markRead(id: string, person: string): Promise<void> {
    await this.db.query(
      `INSERT INTO budgets.inbox_read (item_id, person) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [id, person],
    );
  }

  /** Records who the client's named staff are now; later items are addressed to them. */
  async setClientStaff(row: ClientStaffRow): Promise<void> {
    await this.db.query(
      `INSERT INTO budgets.client_staff (client_id, municipality_code, own_worker_id, adviser_id)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (client_id) DO UPDATE SET municipality_code = $2, own_worker_id = $3,
         adviser_id = $4, updated_at = now()`,
      [row.clientId, row.municipalityCode, row.ownWorkerId, row.adviserId],
    );
  }
}
