import type { Queryable } from '../shared/sql';

export interface NotificationSettingRow {
  person: string;
  audience: 'OWN_WORKER' | 'ADVISER' | 'CLIENT';
  municipalities: string[];
  clientId: string | null;
  email: string;
  enabled: boolean;
  daily: boolean;
  lastSentAt: Date | null;
  sentThrough: string;
}

const COLUMNS = `person, audience, municipalities, client_id AS "clientId", email, enabled, daily,
  last_sent_at AS "lastSentAt", sent_through::text AS "sentThrough"`;

/** SQL for e-mail settings and what each person has been sent. */
export class NotificationStore {
  constructor(private readonly db: Queryable) {}

  async get(person: string): Promise<NotificationSettingRow | null> {
    const rows: NotificationSettingRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM budgets.notification_setting WHERE person = $1`,
      [person],
    );
    return rows[0] ?? null;
  }

  /**
   * Saves a person's settings. Turning e-mail on starts from her inbox as it is now, so the
   * first e-mail is not a flood of everything she ever had.
   */
  async save(s: Omit<NotificationSettingRow, 'lastSentAt' | 'sentThrough'>): Promise<void> {
    await this.db.query(
      `INSERT INTO budgets.notification_setting
         (person, audience, municipalities, client_id, email, enabled, daily, sent_through)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
               (SELECT coalesce(max(position), 0) FROM budgets.inbox_item))
       ON CONFLICT (person) DO UPDATE SET audience = $2, municipalities = $3, client_id = $4,
         email = $5, enabled = $6, daily = $7, updated_at = now()`,
      [s.person, s.audience, s.municipalities, s.clientId, s.email, s.enabled, s.daily],
    );
  }

  async enabled(): Promise<NotificationSettingRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM budgets.notification_setting WHERE enabled ORDER BY person`,
    );
  }

  /** Items of the person's scope after what she was sent, oldest first. */
  async pending(
    s: NotificationSettingRow,
    limit: number,
  ): Promise<Array<{ position: string; title: string; urgent: boolean }>> {
    return this.db.query(
      `SELECT position::text AS position, title, urgent FROM budgets.inbox_item
       WHERE audience = $1 AND position > $2::bigint
         AND (CASE WHEN $1 = 'CLIENT' THEN client_id = $3::uuid
                   ELSE municipality_code = ANY($4::text[])
                        AND (recipient IS NULL OR recipient::text = $6) END)
       ORDER BY position LIMIT $5`,
      // Staff are e-mailed what their inbox shows: items addressed to them, or to nobody named.
      [
        s.audience,
        s.sentThrough,
        s.clientId,
        s.municipalities,
        limit,
        s.person.split(':')[1] ?? '',
      ],
    );
  }

  async markSent(person: string, through: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE budgets.notification_setting SET sent_through = greatest(sent_through, $2::bigint),
         last_sent_at = $3 WHERE person = $1`,
      [person, through, at],
    );
  }
}
