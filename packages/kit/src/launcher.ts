/**
 * What the platform launcher (`pnpm start`) needs of the kit, without the rest of it: the
 * index loads TypeORM, type-graphql and Apollo Server, a second of CPU time that the launcher
 * would spend before it starts the embedded database, on the path of every start.
 */
export { loadConfig, type Config } from './config/config';
export { loadDevKey } from './auth/dev-issuer';
export {
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './database/embedded-server';
