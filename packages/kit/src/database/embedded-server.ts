import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Extension, PGlite } from '@electric-sql/pglite';

/**
 * PGlite and its extensions, loaded on first use: every service loads this module through the
 * kit, and only the process that serves the embedded database needs them.
 */
function openPGlite(dataDir: string | undefined): Promise<PGlite> {
  // The contrib packages ship CommonJS builds, but their type declarations are ESM-only.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
  const { pgcrypto } = require('@electric-sql/pglite/contrib/pgcrypto') as { pgcrypto: Extension };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm, pgcrypto } });
}

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Folder for the database files; `memory://` keeps everything in memory. */
  dataDir: string;
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind to. Default `127.0.0.1`. */
  host?: string;
  /**
   * Resolve as soon as the server listens, before the database has opened (`ready` says when
   * it has); connections made meanwhile wait for it. Opening takes a second or two of CPU
   * time (compiling PostgreSQL's WebAssembly, reading the files), which the launcher spends
   * while the services load their code. Default false: resolve once the database is open.
   */
  listenFirst?: boolean;
  /**
   * Open the database only once this settles (with `listenFirst`): opening holds the thread
   * for a second or more, which the launcher spends after starting the services, not before.
   */
  openAfter?: Promise<unknown>;
}

/** A running embedded PostgreSQL. */
export interface EmbeddedPostgres {
  /** A `postgres://` URL any `pg` client (TypeORM included) can connect to. */
  url: string;
  /** Settles when the database has opened, rejecting if it could not. */
  ready: Promise<void>;
  /** Closes every connection and the database, flushing it to disk. */
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
const TERMINATE = 0x58; // 'X'

/**
 * Serves one PGlite database to many `pg` connections over TCP.
 *
 * PGlite is a single-session database. `@electric-sql/pglite-socket` multiplexes connections
 * per protocol message, which lets the extended-protocol messages (Parse/Bind/Execute/Sync) of
 * two connections interleave and overwrite each other's unnamed statements. Here a connection
 * owns the session from its first message until PGlite reports ReadyForQuery with status
 * idle: a whole query, or a whole transaction, runs without interleaving. Other connections
 * wait their turn, which is how a single-session database must behave. A connection that
 * dies inside a transaction has it rolled back.
 *
 * Roles: PGlite ignores the user of the startup message (its one session is the superuser).
 * Whenever the session passes to a connection of another user it is switched with `SET ROLE`
 * to that user, so the roles' privileges apply to its statements (a service role cannot
 * truncate the access log or read another schema here either). This is not a boundary
 * against someone who can send SQL: `SET ROLE` or `RESET ROLE` in a connection's own SQL
 * goes back to the superuser, and lasts until a connection of another user takes over.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir === 'memory://' ? undefined : path.resolve(options.dataDir);
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const open = () => openPGlite(dataDir);
  const opening = options.openAfter ? options.openAfter.then(open, open) : open();
  // Until it has opened, a connection's first message waits; its failure reaches `ready`.
  opening.catch(() => undefined);
  const ready = opening.then(() => undefined);
  ready.catch(() => undefined); // awaited by the caller (`listenFirst`) or just below
  if (!options.listenFirst) await ready;

  let owner: number | null = null;
  const waiting: Array<{ id: number; grant: () => void }> = [];
  const acquire = (id: number): Promise<void> =>
    new Promise((grant) => {
      if (owner === null || owner === id) {
        owner = id;
        grant();
      } else {
        waiting.push({ id, grant });
      }
    });
  const release = (id: number): void => {
    if (owner !== id) return;
    owner = null;
    const next = waiting.shift();
    if (next) {
      owner = next.id;
      next.grant();
    }
  };

  const sockets = new Set<net.Socket>();
  let nextId = 1;
  // The role the session was last switched to (PGlite starts as the superuser).
  let sessionRole = 'postgres';

  const server = net.createServer((socket) => {
    const id = nextId++;
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let startedUp = false;
    let user = 'postgres';
    let queue: Promise<void> = Promise.resolve();

    const run = async (message: Buffer): Promise<void> => {
      if (socket.destroyed) return;
      const db = await opening;
      await acquire(id);
      if (sessionRole !== user) {
        try {
          await db.exec(`SET ROLE "${user.replace(/"/g, '""')}"`);
        } catch {
          // No such role: the connection is refused, as a server would at login.
          release(id);
          socket.destroy();
          return;
        }
        sessionRole = user;
      }
      // The last six bytes of the response tell whether the session went back to idle.
      let tail = Buffer.alloc(0);
      await db.execProtocolRawStream(new Uint8Array(message), {
        onRawData: (chunk: Uint8Array) => {
          if (!socket.destroyed) socket.write(chunk);
          tail = Buffer.concat([tail, Buffer.from(chunk)]).subarray(-6);
        },
      });
      if (tail.length === 6 && tail[0] === READY_FOR_QUERY && tail[5] === IDLE) release(id);
    };

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!startedUp) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (message.readInt32BE(4) === SSL_REQUEST) {
            socket.write('N');
            continue;
          }
          startedUp = true;
          user = startupUser(message) ?? user;
          queue = queue
            .then(() => run(message))
            .catch(() => {
              socket.destroy();
            });
          continue;
        }
        // Every whole message that has arrived goes to PGlite in one call: a client sends a
        // query's Parse, Bind, Describe, Execute and Sync together, and PGlite's cost is per
        // call more than per message.
        let whole = 0;
        let terminate = false;
        while (buffer.length - whole >= 5) {
          const length = 1 + buffer.readInt32BE(whole + 1);
          if (buffer.length - whole < length) break;
          if (buffer[whole] === TERMINATE) {
            terminate = true;
            break;
          }
          whole += length;
        }
        if (whole > 0) {
          const messages = Buffer.from(buffer.subarray(0, whole));
          buffer = buffer.subarray(whole);
          queue = queue
            .then(() => run(messages))
            .catch(() => {
              socket.destroy();
            });
        }
        if (terminate) socket.end();
        return;
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      const index = waiting.findIndex((w) => w.id === id);
      if (index >= 0) waiting.splice(index, 1);
      void queue.finally(async () => {
        // The owner ran a message, so the database had opened.
        if (owner !== id) return;
        const db = await opening;
        if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => undefined);
        release(id);
      });
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await opening.then((opened) => opened.close()).catch(() => undefined);
    throw error;
  }
  const address = server.address() as net.AddressInfo;

  return {
    url: `postgres://postgres@${address.address}:${address.port}/postgres`,
    ready,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const opened = await opening.catch(() => undefined);
      await opened?.close();
    },
  };
}

/** The `user` parameter of a startup message (length, protocol, then name/value pairs). */
function startupUser(message: Buffer): string | undefined {
  const fields = message.subarray(8).toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'user') return fields[i + 1] || undefined;
  }
  return undefined;
}
