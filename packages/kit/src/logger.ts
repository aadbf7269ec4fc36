import pino from 'pino';

export type Logger = pino.Logger;

/** A JSON logger named after the service; never logs tokens or request bodies. */
export function createLogger(name: string, level: string): Logger {
  return pino({
    name,
    level,
    redact: ['req.headers.authorization', 'headers.authorization', 'token'],
  });
}
