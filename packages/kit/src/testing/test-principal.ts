import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccessLogBuffer } from '../access-log/access-log';
import type { Principal, Role } from '../auth/principal';
import { loadConfig, type Config } from '../config/config';
import { openDatabase, type Database, type DatabaseOptions } from '../database/data-source';
import { createLogger } from '../logger';
import type { RequestContext } from '../server/context';

/** A principal for service-level tests; fields default to nothing granted. */
export function principal(role: Role, overrides: Partial<Principal> = {}): Principal {
  return {
    sub: overrides.sub ?? crypto.randomUUID(),
    role,
    municipalities: [],
    clientId: null,
    providerId: null,
    scopes: [],
    name: null,
    organisation: null,
    ...overrides,
  };
}

/** A request context as the server would build it, for calling services directly. */
export function requestContext(
  db: DataSource,
  who: Principal | null,
  service = 'test',
): RequestContext {
  const requestId = crypto.randomUUID();
  return {
    principal: who,
    authorization: null,
    requestId,
    accessLog: new AccessLogBuffer(db, service, who, requestId, 'test'),
    logger: createLogger(service, 'silent'),
  };
}

/** Opens a service's database (with its migrations) on a test database URL. */
export function openTestDatabase(
  url: string,
  options: DatabaseOptions,
  embedded: boolean,
): Promise<Database> {
  const config: Config = loadConfig({
    DATABASE_URL: url,
    DATABASE_EMBEDDED: embedded ? '1' : '0',
    DATABASE_POOL_SIZE: '20',
    LOG_LEVEL: 'silent',
  });
  return openDatabase(config, options, createLogger('test', 'silent'));
}
