import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';

/**
 * The text frames the subscribers' sockets received, as they arrived. A frame of the event being
 * waited for (see {@link watch}) is recognised on arrival and only its arrival time and label
 * are kept, in typed arrays: keeping 10 000 frames an event, or an object for each, made the
 * measuring process (on the same two cores as the gateway) collect garbage for tens of
 * milliseconds in the middle of deliveries. Any other frame is copied and kept whole, and so is
 * the first of each label, for checks after the run.
 */
export class ArrivedFrames {
  private readonly labels: string[] = [];
  private times = new Float64Array(1 << 16);
  private labelOf = new Int32Array(1 << 16);
  private watched: { marker: Buffer; label: number; left: number; done: () => void } | null = null;
  /** Frames of watched events so far. */
  length = 0;
  /** Frames that were not of a watched event, as text. */
  readonly unmatched: Array<{ at: number; text: string }> = [];
  /** The first frame of each label, as text. */
  readonly samples = new Map<string, string>();

  /** When watched frame `i` arrived (`performance.now()`). */
  at(i: number): number {
    return this.times[i] ?? NaN;
  }

  /** The label of the watch that frame `i` arrived under. */
  label(i: number): string {
    return this.labels[this.labelOf[i] ?? -1] ?? '';
  }

  /**
   * Resolves once `count` frames containing `marker` have arrived from now on (true), or after
   * `waitMs` (false); they are kept under `label`. Set before the request that causes them:
   * they may arrive before its answer.
   */
  watch(marker: Buffer, count: number, waitMs: number, label: string): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.watched = null;
        resolve(false);
      }, waitMs);
      this.watched = {
        marker,
        label: this.labels.push(label) - 1,
        left: count,
        done: () => {
          clearTimeout(timer);
          this.watched = null;
          resolve(true);
        },
      };
    });
  }

  /** Records the frame at `start`–`end` of `chunk`, read at `at`. */
  add(chunk: Buffer, start: number, end: number, at: number): void {
    const watched = this.watched;
    const found = watched ? chunk.indexOf(watched.marker, start) : -1;
    if (!watched || found === -1 || found + watched.marker.length > end) {
      this.unmatched.push({ at, text: chunk.toString('utf8', start, end) });
      return;
    }
    if (this.length === this.times.length) this.grow();
    const i = this.length++;
    this.times[i] = at;
    this.labelOf[i] = watched.label;
    const label = this.labels[watched.label] ?? '';
    if (!this.samples.has(label)) this.samples.set(label, chunk.toString('utf8', start, end));
    if (--watched.left === 0) watched.done();
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
    const labels = new Int32Array(this.labelOf.length * 2);
    labels.set(this.labelOf);
    this.labelOf = labels;
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
