import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';

/** What was done with a client's data. */
export type AccessAction = 'READ' | 'CHANGE';

/** One access to one client's data, as the client will later see it. */
export interface AccessEntry {
  clientId: string;
  action: AccessAction;
  /** What was read or changed, e.g. `Client.team` or `Budget.transactions`. */
  subject: string;
}

/**
 * Collects the accesses of one request and writes them in one statement before the response
 * leaves the service. Repeated reads of the same thing in one request are logged once.
 */
export class AccessLogBuffer {
  private readonly entries = new Map<string, AccessEntry>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly service: string,
    private readonly principal: Principal | null,
    private readonly requestId: string,
    private readonly purpose: string,
  ) {}

  /** Records that the current principal read `subject` of each of these clients. */
  read(subject: string, clientIds: Iterable<string>): void {
    for (const clientId of clientIds) this.add({ clientId, subject, action: 'READ' });
  }

  /** Records a change; changes are usually written with {@link writeNow} inside their transaction. */
  add(entry: AccessEntry): void {
    this.entries.set(`${entry.action}|${entry.clientId}|${entry.subject}`, entry);
  }

  /** Writes pending entries; called by the server before the response is sent. */
  async flush(): Promise<void> {
    if (this.entries.size === 0) return;
    const rows = [...this.entries.values()];
    this.entries.clear();
    await insertEntries(this.dataSource, this.rowContext(), rows);
  }

  /**
   * Writes entries with the given query function, typically a transaction's manager, so that a
   * change and its log row commit or fail together.
   */
  async writeNow(query: { query: DataSource['query'] }, entries: AccessEntry[]): Promise<void> {
    await insertEntries(query, this.rowContext(), entries);
  }

  private rowContext(): RowContext {
    return {
      service: this.service,
      actorId: this.principal?.sub ?? 'anonymous',
      actorRole: this.principal?.role ?? 'ANONYMOUS',
      actorOrganisation: this.principal?.organisation ?? null,
      purpose: this.purpose,
      requestId: this.requestId,
    };
  }
}

interface RowContext {
  service: string;
  actorId: string;
  actorRole: string;
  actorOrganisation: string | null;
  purpose: string;
  requestId: string;
}

async function insertEntries(
  db: { query: DataSource['query'] },
  ctx: RowContext,
  entries: AccessEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO audit.access_log
       (service, actor_id, actor_role, actor_organisation, client_id, action, subject, purpose, request_id)
     SELECT $1, $2, $3, $4, e.client_id, e.action, e.subject, $5, $6
     FROM unnest($7::uuid[], $8::text[], $9::text[]) AS e(client_id, action, subject)`,
    [
      ctx.service,
      ctx.actorId,
      ctx.actorRole,
      ctx.actorOrganisation,
      ctx.purpose,
      ctx.requestId,
      entries.map((e) => e.clientId),
      entries.map((e) => e.action),
      entries.map((e) => e.subject),
    ],
  );
}
