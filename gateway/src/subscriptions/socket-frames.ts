import WebSocket from 'ws';
import type { RawConnection, RawSink } from './hub.types';

/** ws's internals that {@link rawSink} writes past: its TCP socket and its frame sender. */
interface WsInternals {
  _socket?: { write(chunk: Buffer): boolean; destroyed?: boolean; writableLength: number };
  _sender?: { _state: number; _queue: unknown[] };
}

/**
 * A socket's frames of this tick, written as one buffer when the tick ends: the prefix of each
 * (its subscription's id) and the payload it carries (shared by a whole group). One per
 * socket for the socket's life, found by its sinks without a lookup per frame.
 */
interface PendingFrames {
  socket: WebSocket;
  /** Runs of frames: the prefixes of each run share the payload at the same index. */
  prefixes: Array<readonly Buffer[]>;
  payloads: Buffer[];
  bytes: number;
  /** The socket's {@link RawConnection}, one for all its subscriptions. */
  connection: RawConnection;
  /** Whether it is in {@link dirty}: it has frames waiting for the end of the tick. */
  queued: boolean;
}
const framesOf = new WeakMap<WebSocket, PendingFrames>();
/** The sockets with frames waiting, in the order their first frame came. */
let dirty: PendingFrames[] = [];

/**
 * The buffer frames are built in, reused from socket to socket: one event writes the same
 * ~30 kB to each of many sockets, and a fresh buffer each time was most of the gateway's
 * allocation per event (and its garbage collections). A socket that could not hand all of
 * it to the kernel at once keeps a reference to it: then the next socket gets a new one.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

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

/** Frames every pending message of one socket into one buffer and writes it. */
function flushSocket(pending: PendingFrames): void {
  if (!pending.queued) return;
  pending.queued = false;
  const { socket, prefixes, payloads, bytes } = pending;
  pending.prefixes = [];
  pending.payloads = [];
  pending.bytes = 0;
  const tcp = (socket as unknown as WsInternals)._socket;
  if (!tcp || tcp.destroyed || socket.readyState !== WebSocket.OPEN) return;
  if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(bytes);
  const out = scratch;
  let at = 0;
  for (let i = 0; i < prefixes.length; i++) {
    const run = prefixes[i];
    const payload = payloads[i];
    if (!run || !payload) continue; // pushed in pairs: never
    for (const prefix of run) {
      at = writeHeader(out, at, prefix.length + payload.length + 1);
      // TypedArray#set: Buffer#copy's checks cost more than the copy of a few hundred bytes.
      out.set(prefix, at);
      at += prefix.length;
      out.set(payload, at);
      at += payload.length;
      out[at++] = 0x7d; // }
    }
  }
  tcp.write(out.subarray(0, bytes));
  // Written in full at once: nothing refers to the buffer any more.
  if (tcp.writableLength > 0) scratch = Buffer.allocUnsafeSlow(scratch.length);
}

function flushFrames(): void {
  const sockets = dirty;
  dirty = [];
  for (const pending of sockets) flushSocket(pending);
}

/** The pending frames of a socket, created with its first sink. */
function pendingOf(socket: WebSocket): PendingFrames {
  const known = framesOf.get(socket);
  if (known) return known;
  const pending: PendingFrames = {
    socket,
    prefixes: [],
    payloads: [],
    bytes: 0,
    queued: false,
    connection: {
      send(prefixes, payload) {
        if (socket.readyState !== WebSocket.OPEN) return;
        const ws = socket as unknown as WsInternals;
        if (!ws._socket || !ws._sender || ws._sender._state !== 0 || ws._sender._queue.length) {
          // ws has frames of its own queued: it frames these too, after them.
          for (const prefix of prefixes) {
            const length = prefix.length + payload.length + 1;
            socket.send(Buffer.concat([prefix, payload, CLOSING_BRACE], length), { binary: false });
          }
          return;
        }
        let bytes = 0;
        for (const prefix of prefixes) {
          const length = prefix.length + payload.length + 1;
          bytes += headerBytes(length) + length;
        }
        pending.prefixes.push(prefixes);
        pending.payloads.push(payload);
        pending.bytes += bytes;
        if (!pending.queued) {
          pending.queued = true;
          if (dirty.push(pending) === 1) process.nextTick(flushFrames);
        }
      },
      get backlog() {
        return socket.bufferedAmount;
      },
    },
  };
  framesOf.set(socket, pending);
  // Once per socket: its `send` first writes the frames pending for it.
  keepOrder(socket, pending);
  return pending;
}

const CLOSING_BRACE = Buffer.from('}');

/**
 * Anything graphql-ws or ws sends on the socket (a `complete`, an error, a queued result) goes
 * after the frames already pending for it: messages of one subscription never overtake.
 */
function keepOrder(socket: WebSocket, pending: PendingFrames): void {
  const send = socket.send.bind(socket) as (...args: unknown[]) => void;
  socket.send = ((...args: unknown[]) => {
    flushSocket(pending);
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
  return {
    connection: pendingOf(socket).connection,
    prefix: Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`),
  };
}
