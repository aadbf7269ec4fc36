import net from 'node:net';
import { must } from './must';

/**
 * A loopback TCP proxy in front of PostgreSQL that counts the statements the services send:
 * every simple-protocol `Query` ('Q') and every extended-protocol `Execute` ('E') message from
 * a client is one statement. It reads the frontend side of the wire protocol only (no TLS on
 * loopback), so it counts exactly what reaches the server, from every service and pool. On
 * request it also records each statement's SQL text and parameters, for EXPLAIN (explain.ts).
 */
export interface StatementProxy {
  port: number;
  /** Statements since start (simple queries + executes). */
  statements(): number;
  /**
   * Runs `fn` and returns, with its result, every statement any connection executed while it
   * ran, in the order the server received them (background work of the services included).
   */
  capture<T>(fn: () => Promise<T>): Promise<{ result: T; statements: CapturedStatement[] }>;
  close(): Promise<void>;
}

/** One executed statement as it went over the wire. */
export interface CapturedStatement {
  /** The client connection that sent it, numbered by the proxy: one transaction, one number. */
  connection: number;
  sql: string;
  /**
   * The bound values ($1, $2, ...), null for NULL. node-postgres sends text; a value sent in
   * binary (a Buffer) is given as bytea hex (`\x...`), which is its text form for bytea.
   */
  params: Array<string | null>;
}

/** The NUL-terminated UTF-8 string at `at`, and the offset just after it. */
function cstring(body: Buffer, at: number): [string, number] {
  const end = body.indexOf(0, at);
  return [body.toString('utf8', at, end), end + 1];
}

/** A Bind message: the portal it creates, the prepared statement it binds and the values. */
function parseBind(body: Buffer) {
  const [portal, afterPortal] = cstring(body, 0);
  const [statement, afterStatement] = cstring(body, afterPortal);
  let at = afterStatement;
  // Counts are read unsigned: a multi-row INSERT can bind more than 32 767 values.
  const formats: number[] = [];
  const formatCount = body.readUInt16BE(at);
  at += 2;
  for (let i = 0; i < formatCount; i++, at += 2) formats.push(body.readInt16BE(at));
  const params: CapturedStatement['params'] = [];
  const paramCount = body.readUInt16BE(at);
  at += 2;
  for (let i = 0; i < paramCount; i++) {
    const len = body.readInt32BE(at);
    at += 4;
    if (len < 0) {
      params.push(null);
      continue;
    }
    // No format codes = all text; one = for every value; otherwise one per value.
    const binary = (formats.length === 1 ? formats[0] : formats[i]) === 1;
    params.push(
      binary ? `\\x${body.toString('hex', at, at + len)}` : body.toString('utf8', at, at + len),
    );
    at += len;
  }
  return { portal, statement, params };
}

export async function startStatementProxy(target: {
  host: string;
  port: number;
}): Promise<StatementProxy> {
  let count = 0;
  let connections = 0;
  /** The lists of the captures running now; every executed statement goes to each. */
  const sinks = new Set<CapturedStatement[]>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    const connection = ++connections;
    sockets.add(client);
    sockets.add(upstream);
    // Per connection, as on the server: prepared statements ("" = unnamed) and bound portals.
    const prepared = new Map<string, string>();
    const portals = new Map<string, Omit<CapturedStatement, 'connection'>>();
    const executed = (statement: Omit<CapturedStatement, 'connection'>) => {
      count++;
      for (const sink of sinks) sink.push({ connection, ...statement });
    };
    let startup = true;
    let buffer: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (buffer.length < 8) break;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) break;
          const code = buffer.readInt32BE(4);
          // SSLRequest / GSSENCRequest come before the real startup message.
          if (code !== 80877103 && code !== 80877104) startup = false;
          buffer = buffer.subarray(len);
        } else {
          if (buffer.length < 5) break;
          const len = buffer.readInt32BE(1);
          if (buffer.length < len + 1) break;
          const type = String.fromCharCode(must(buffer[0], 'message type byte'));
          const body = buffer.subarray(5, len + 1);
          if (type === 'Q') executed({ sql: cstring(body, 0)[0], params: [] });
          else if (type === 'P') {
            const [name, at] = cstring(body, 0);
            prepared.set(name, cstring(body, at)[0]);
          } else if (type === 'B') {
            const { portal, statement, params } = parseBind(body);
            portals.set(portal, {
              sql: prepared.get(statement) ?? `(unknown statement "${statement}")`,
              params,
            });
          } else if (type === 'E') {
            const portal = cstring(body, 0)[0];
            executed(portals.get(portal) ?? { sql: `(unknown portal "${portal}")`, params: [] });
          }
          buffer = buffer.subarray(len + 1);
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    statements: () => count,
    capture: async (fn) => {
      const statements: CapturedStatement[] = [];
      sinks.add(statements);
      try {
        return { result: await fn(), statements };
      } finally {
        sinks.delete(statements);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
