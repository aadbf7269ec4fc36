import type WebSocket from 'ws';

/** Close code when the connection's token expires: sign in again and resume with sinceSequence. */
export const CLOSE_TOKEN_EXPIRED = 4401;
/** Longest timer Node.js keeps exactly; a later expiry is checked again when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** When a verified token expires (its `exp`), ms since the epoch; null if it carries none. */
export function expiryOf(authorization: string): number | null {
  const payload = authorization.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return null;
  try {
    const exp: unknown = (
      JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        exp?: unknown;
      }
    ).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Closes the socket when the token expires: nothing is delivered under an expired token. */
export function closeAtExpiry(socket: WebSocket, expiresAt: number): void {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const wait = expiresAt - Date.now();
    if (wait <= 0) {
      socket.close(CLOSE_TOKEN_EXPIRED, 'Token expired');
      return;
    }
    timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
  };
  arm();
  socket.once('close', () => clearTimeout(timer));
}
