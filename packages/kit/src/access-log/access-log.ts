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
  private readonly flushed: AccessEntry[] = [];

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
  add({ clientId, action, subject }: AccessEntry): void {
    this.entries.set(`${action}|${clientId}|${subject}`, { clientId, action, subject });
  }

  /** Writes pending entries; called by the server before the response is sent. */
  async flush(): Promise<void> {
    if (this.entries.size === 0) return;
    const entries = [...this.entries.values()];
    this.entries.clear();
    await batchFor(this.dataSource).write(this.rowsOf(entries));
    this.flushed.push(...entries);
  }

  /** Entries {@link flush} has written: what this request's response showed of whom. */
  written(): readonly AccessEntry[] {
    return this.flushed;
  }

  /**
   * Writes entries with the given query function, typically a transaction's manager, so that a
   * change and its log row commit or fail together.
   */
  async writeNow(query: { query: DataSource['query'] }, entries: AccessEntry[]): Promise<void> {
    await writeAccessRows(query, this.rowsOf(entries));
  }

  /** The entries as rows of this request: who, for which purpose, in which request. */
  private rowsOf(entries: readonly AccessEntry[]): AccessRow[] {
    const context: RowContext = {
      service: this.service,
      actorId: this.principal?.sub ?? 'anonymous',
      actorRole: this.principal?.role ?? 'ANONYMOUS',
      actorOrganisation: this.principal?.organisation ?? null,
      purpose: this.purpose,
      requestId: this.requestId,
    };
    return entries.map((entry) => ({ ...context, ...entry }));
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

/** One row of `audit.access_log`: who did what to whose data, in which request. */
type AccessRow = RowContext & AccessEntry;

/** Writes rows, of one request or of several, in one statement. */
async function writeAccessRows(
  db: { query: DataSource['query'] },
  rows: readonly AccessRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof AccessRow>(key: K) => rows.map((row) => row[key]);
  await db.query(
    `INSERT INTO audit.access_log
       (service, actor_id, actor_role, actor_organisation, client_id, action, subject, purpose, request_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[],
                          $7::text[], $8::text[], $9::text[])`,
    [
      column('service'),
      column('actorId'),
      column('actorRole'),
      column('actorOrganisation'),
      column('clientId'),
      column('action'),
      column('subject'),
      column('purpose'),
      column('requestId'),
    ],
  );
}

/**
 * Collects the rows that requests flush in one turn of the event loop and writes them in one
 * statement: identical reads that share an answer (see `InFlightReads`) all flush at once, and
 * one insert instead of one per request spares the database a commit each. Every request
 * still waits for its rows to be written before its response leaves.
 */
class RowBatch {
  private rows: AccessRow[] = [];
  private written: Promise<void> | null = null;

  constructor(private readonly db: { query: DataSource['query'] }) {}

  write(rows: readonly AccessRow[]): Promise<void> {
    this.rows.push(...rows);
    this.written ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const batch = this.rows;
      this.rows = [];
      this.written = null;
      return writeAccessRows(this.db, batch);
    });
    return this.written;
  }
}

const batches = new WeakMap<DataSource, RowBatch>();

function batchFor(dataSource: DataSource): RowBatch {
  let batch = batches.get(dataSource);
  if (!batch) batches.set(dataSource, (batch = new RowBatch(dataSource)));
  return batch;
}
