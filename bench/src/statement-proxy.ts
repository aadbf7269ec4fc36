import net from 'node:net';

/**
 * A loopback TCP proxy in front of PostgreSQL that counts the statements the services send:
 * every simple-protocol `Query` ('Q') and every extended-protocol `Execute` ('E') message from
 * a client is one statement. It reads the frontend side of the wire protocol only (no TLS on
 * loopback), so it counts exactly what reaches the server, from every service and pool.
 */
export interface StatementProxy {
  port: number;
  /** Statements since start (simple queries + executes). */
  statements(): number;
  close(): Promise<void>;
}

export async function startStatementProxy(target: {
  host: string;
  port: number;
}): Promise<StatementProxy> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
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
          const type = String.fromCharCode(buffer[0]!);
          if (type === 'Q' || type === 'E') count++;
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
