import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { rawSink } from './socket-frames';

/** Opens `count` client sockets to a fresh server; returns both ends of each. */
async function openSockets(count: number) {
  const server = new WebSocketServer({ port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const pairs: Array<{ server: WebSocket; client: WebSocket; received: string[] }> = [];
  for (let i = 0; i < count; i++) {
    const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise<void>((resolve) => client.once('open', () => resolve()));
    const received: string[] = [];
    client.on('message', (data: Buffer) => received.push(data.toString('utf8')));
    pairs.push({ server: await accepted, client, received });
  }
  return { server, pairs };
}

describe('rawSink', () => {
  it('delivers every frame intact and in order, also when a socket cannot take them at once', async () => {
    const { server, pairs } = await openSockets(2);
    try {
      // The first client reads nothing for a while: its kernel buffers fill, and the gateway's
      // socket keeps frames it could not write (and the buffer they were built in).
      const slow = pairs[0];
      if (!slow) throw new Error('two sockets');
      (slow.client as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      const sinks = pairs.map(({ server: socket }) => [rawSink(socket, 'a'), rawSink(socket, 'b')]);
      const events = 400;
      const pad = 'x'.repeat(20_000);
      for (let n = 0; n < events; n++) {
        const payload = Buffer.from(JSON.stringify({ data: { n, pad } }));
        for (const [a, b] of sinks) {
          if (!a || !b) throw new Error('two sinks');
          a.connection.send([a.prefix, b.prefix], payload);
        }
        // One event per tick, as the hub writes them: each is flushed on its own.
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(pairs[0]?.server.bufferedAmount).toBeGreaterThan(0);
      (slow.client as unknown as { _socket: { resume(): void } })._socket.resume();
      for (let i = 0; i < 500 && pairs.some((p) => p.received.length < 2 * events); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      for (const { received } of pairs) {
        expect(received).toHaveLength(2 * events);
        received.forEach((text, i) => {
          const message = JSON.parse(text) as {
            id: string;
            type: string;
            payload: { data: { n: number; pad: string } };
          };
          expect(message.id).toBe(i % 2 === 0 ? 'a' : 'b');
          expect(message.type).toBe('next');
          expect(message.payload.data.n).toBe(Math.floor(i / 2));
          expect(message.payload.data.pad).toBe(pad);
        });
      }
    } finally {
      for (const { client } of pairs) client.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
