import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';

/**
 * Every text frame the subscribers' sockets received, in arrival order: when its last byte was
 * read, and where its bytes are. Kept in typed arrays over the chunks read, not an object per
 * frame: 10 000 frames an event would otherwise keep the measuring process (on the same two
 * cores as the gateway) busier than the gateway that writes them.
 */
export class ArrivedFrames {
  private readonly chunks: Buffer[] = [];
  private times = new Float64Array(1 << 16);
  private chunkOf = new Int32Array(1 << 16);
  private starts = new Int32Array(1 << 16);
  private ends = new Int32Array(1 << 16);
  private watched: {
    marker: Buffer;
    left: number;
    done: (all: boolean) => void;
    timer: NodeJS.Timeout;
  } | null = null;
  /** Frames received so far. */
  length = 0;

  /** When frame `i` arrived (`performance.now()`). */
  at(i: number): number {
    return this.times[i] ?? NaN;
  }

  /** Frame `i` as text. */
  text(i: number): string {
    const chunk = this.chunks[this.chunkOf[i] ?? -1];
    return chunk ? chunk.toString('utf8', this.starts[i], this.ends[i]) : '';
  }

  /**
   * Resolves once `count` frames containing `marker` have arrived from now on (true), or after
   * `waitMs` (false). Set before the request that causes them: they may arrive before its answer.
   */
  watch(marker: Buffer, count: number, waitMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.watched = null;
        resolve(false);
      }, waitMs);
      this.watched = {
        marker,
        left: count,
        timer,
        done: (all) => {
          clearTimeout(timer);
          this.watched = null;
          resolve(all);
        },
      };
    });
  }

  /** Records the frame at `start`–`end` of `chunk`, read at `at`. */
  add(chunk: Buffer, start: number, end: number, at: number): void {
    if (this.chunks[this.chunks.length - 1] !== chunk) this.chunks.push(chunk);
    if (this.length === this.times.length) this.grow();
    const i = this.length++;
    this.times[i] = at;
    this.chunkOf[i] = this.chunks.length - 1;
    this.starts[i] = start;
    this.ends[i] = end;
    const watched = this.watched;
    if (watched) {
      const found = chunk.indexOf(watched.marker, start);
      if (found !== -1 && found + watched.marker.length <= end && --watched.left === 0)
        watched.done(true);
    }
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    this.times = times;
    for (const key of ['chunkOf', 'starts', 'ends'] as const) {
      const next = new Int32Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }
}

/**
 * Takes over reading an open `ws` client socket: from now on the bytes are read straight from
 * its TCP socket, each chunk timestamped as it arrives, and cut into frames; text frames go to
 * `frames` with the arrival time of the chunk that completed them, and pings are answered.
 *
 * Why not ws's own 'message' events: the bench's 10 000 subscribers share one process (and the
 * gateway's two cores), where decoding and dispatching 10 000 messages per event one by one
 * took longer than the gateway took to write them; a subscriber's own decoding is no part of
 * the delivery being measured. Server frames are unmasked and, from graphql-ws, never
 * fragmented (checked). Afterwards the socket can only be ended with `terminate()`: ws no
 * longer sees the server's close frame.
 */
export function readFramesRaw(socket: WebSocket, frames: ArrivedFrames): void {
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
      const start = offset + header;
      const end = start + length;
      const opcode = first & 0x0f;
      if (opcode === 0x1) frames.add(buffer, start, end, at);
      else if (opcode === 0x9) socket.pong(buffer.subarray(start, end));
      offset = end;
    }
    rest = offset < buffer.length ? buffer.subarray(offset) : null;
  });
}
