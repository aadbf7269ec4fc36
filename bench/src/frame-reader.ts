import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';

/** A frame a server sent, with the moment its last byte was read from the socket. */
export interface ArrivedFrame {
  at: number;
  data: Buffer;
}

/**
 * Takes over reading an open `ws` client socket: from now on the bytes are read straight from
 * its TCP socket, each chunk timestamped as it arrives, and cut into frames; text frames go to
 * `received` with the arrival time of the chunk that completed them, and pings are answered.
 *
 * Why not ws's own 'message' events: the bench's 10 000 subscribers share one process (and the
 * gateway's two cores), where decoding and dispatching 10 000 messages per event one by one
 * took longer than the gateway took to write them; a subscriber's own decoding is no part of
 * the delivery being measured. Server frames are unmasked and, from graphql-ws, never
 * fragmented (checked). Afterwards the socket can only be ended with `terminate()`: ws no
 * longer sees the server's close frame.
 */
export function readFramesRaw(socket: WebSocket, received: ArrivedFrame[]): void {
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  let rest: Buffer | null = null;
  tcp.removeAllListeners('data');
  tcp.on('data', (chunk: Buffer) => {
    const at = performance.now();
    const buffer: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let offset = 0;
    for (;;) {
      const available = buffer.length - offset;
      if (available < 2) break;
      const first = buffer[offset] ?? 0;
      const second = (buffer[offset + 1] ?? 0) & 0x7f;
      let length = second;
      let header = 2;
      if (second === 126) {
        if (available < 4) break;
        length = buffer.readUInt16BE(offset + 2);
        header = 4;
      } else if (second === 127) {
        if (available < 10) break;
        length = Number(buffer.readBigUInt64BE(offset + 2));
        header = 10;
      }
      if (available < header + length) break;
      if ((first & 0x80) === 0) throw new Error('a fragmented frame: not expected from the server');
      const data = buffer.subarray(offset + header, offset + header + length);
      const opcode = first & 0x0f;
      if (opcode === 0x1) received.push({ at, data });
      else if (opcode === 0x9) socket.pong(data);
      offset += header + length;
    }
    rest = offset < buffer.length ? buffer.subarray(offset) : null;
  });
}
