import WebSocket from 'ws';
import type { RawSink } from './hub';

/** ws's internals that {@link rawSink} writes past: its TCP socket and its frame sender. */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean; destroyed?: boolean };
  _sender?: { _state: number; _queue: unknown[] };
}

/**
 * A socket's frames of this tick, written as one buffer when the tick ends: the prefix of each
 * (its subscription's id) and the payload it carries (shared by a whole group).
 */
interface PendingFrames {
  prefixes: Buffer[];
  payloads: Buffer[];
  bytes: number;
}
const pendingFrames = new Map<WebSocket, PendingFrames>();
let flushScheduled = false;

/** Bytes of the header of an unmasked frame with `length` bytes of payload (RFC 6455 5.2). */
const headerBytes = (length: number) => (length < 126 ? 2 : length < 65_536 ? 4 : 10);

/** Writes the header of an unmasked, final text frame of `length` bytes at `at`; returns its end. */
function writeHeader(out: Buffer, at: number, length: number): number {
  out[at] = 0x81;
  if (length < 126) {
    out[at + 1] = length;
    return at + 2;
  }
  if (length < 65_536) {
    out[at + 1] = 126;
    out.writeUInt16BE(length, at + 2);
    return at + 4;
  }
  out[at + 1] = 127;
  out.writeBigUInt64BE(BigInt(length), at + 2);
  return at + 10;
}

/** Frames every pending message of `socket` into one buffer and writes it. */
function flushSocket(socket: WebSocket): void {
  const pending = pendingFrames.get(socket);
  if (!pending) return;
  pendingFrames.delete(socket);
  const tcp = (socket as unknown as WsInternals)._socket;
  if (!tcp || tcp.destroyed || socket.readyState !== WebSocket.OPEN) return;
  const out = Buffer.allocUnsafe(pending.bytes);
  let at = 0;
  for (let i = 0; i < pending.prefixes.length; i++) {
    const prefix = pending.prefixes[i];
    const payload = pending.payloads[i];
    if (!prefix || !payload) continue; // pushed in pairs: never
    at = writeHeader(out, at, prefix.length + payload.length + 1);
    at += prefix.copy(out, at);
    at += payload.copy(out, at);
    out[at++] = 0x7d; // }
  }
  tcp.write(out);
}

function flushFrames(): void {
  flushScheduled = false;
  for (const socket of [...pendingFrames.keys()]) flushSocket(socket);
}

/** Sockets whose own `send` first writes the frames pending for them. */
const ordered = new WeakSet<WebSocket>();

/**
 * Anything graphql-ws or ws sends on the socket (a `complete`, an error, a queued result) goes
 * after the frames already pending for it: messages of one subscription never overtake.
 */
function keepOrder(socket: WebSocket): void {
  if (ordered.has(socket)) return;
  ordered.add(socket);
  const send = socket.send.bind(socket) as (...args: unknown[]) => void;
  socket.send = ((...args: unknown[]) => {
    flushSocket(socket);
    send(...args);
  }) as typeof socket.send;
}

/**
 * graphql-ws's own way serialises every result once per subscriber, and ws then makes a
 * system call per frame. A completed event is the same for a whole group: it is serialised
 * once, framed here with each subscription's id, and all frames of one socket in one tick (one
 * event reaches a socket's many subscriptions in one loop) leave in a single buffer and write.
 * Frames are built by hand only while ws has nothing of its own queued (no compression is
 * negotiated on this server, and nothing here sends blobs); otherwise ws frames it, in order.
 */
export function rawSink(socket: WebSocket, id: string): RawSink {
  const prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
  keepOrder(socket);
  return {
    send(payload) {
      if (socket.readyState !== WebSocket.OPEN) return;
      const ws = socket as unknown as WsInternals;
      const length = prefix.length + payload.length + 1;
      if (!ws._socket || !ws._sender || ws._sender._state !== 0 || ws._sender._queue.length) {
        socket.send(Buffer.concat([prefix, payload, Buffer.from('}')], length), { binary: false });
        return;
      }
      let pending = pendingFrames.get(socket);
      if (!pending) {
        pending = { prefixes: [], payloads: [], bytes: 0 };
        pendingFrames.set(socket, pending);
      }
      pending.prefixes.push(prefix);
      pending.payloads.push(payload);
      pending.bytes += headerBytes(length) + length;
      if (!flushScheduled) {
        flushScheduled = true;
        process.nextTick(flushFrames);
      }
    },
    get backlog() {
      return socket.bufferedAmount;
    },
  };
}
