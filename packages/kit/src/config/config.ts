import { z } from 'zod';

/**
 * Every setting a service reads from its environment, parsed and validated once at boot.
 * Nothing else in the code base reads `process.env` (an ESLint rule enforces this), so the
 * defaults documented here are the whole truth about how a service behaves.
 */
const configSchema = z
  .object({
    /** `production` turns on the hardened posture: no introspection, masked errors, limits. */
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /**
     * A real PostgreSQL server (`postgres://user@host:5432/db`). When absent the platform
     * launcher starts the embedded database and passes its address here.
     */
    DATABASE_URL: z.url().optional(),
    /**
     * Set by the launcher when `DATABASE_URL` points at the embedded PGlite server. Its
     * LISTEN/NOTIFY does not cross connections, so events travel in-process instead.
     */
    DATABASE_EMBEDDED: z
      .enum(['0', '1'])
      .default('0')
      .transform((v) => v === '1'),
    /**
     * Passwords of the database roles (`hb_owner`, `hb_clients`, …) are derived from this
     * secret: the set-up sets them from the bootstrap connection and each service logs in with
     * its own. Without it the roles have no password and the server must trust them (as CI's
     * and the embedded database do for local connections).
     */
    DATABASE_ROLE_SECRET: z.string().min(16).optional(),
    /** Connection pool size per service process. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    /** Folder for local state: embedded database files and the development issuer's key. */
    DATA_DIR: z.string().default('.data'),
    /** Port this process listens on (each service has its own default, see `servicePort`). */
    PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Interface to bind to. */
    HOST: z.string().default('127.0.0.1'),
    /** pino log level. */
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /**
     * External OIDC issuer (the county's identity provider in production, the local OpenID
     * provider of `pnpm start` in development). When `OIDC_JWKS_URL` is set, `OIDC_ISSUER` and
     * `OIDC_AUDIENCE` are required (a service refuses to boot without them) and every token
     * must come from this issuer with this audience; the development issuer is then off unless
     * `TRUST_DEV_ISSUER=1`.
     */
    OIDC_JWKS_URL: z.url().optional(),
    OIDC_ISSUER: z.string().min(1).optional(),
    OIDC_AUDIENCE: z.string().min(1).optional(),
    /**
     * The admin UI's client id at `OIDC_ISSUER` (a public client: authorization code with
     * PKCE). When set, the gateway's `/auth/config` tells the UI to sign in there.
     */
    OIDC_UI_CLIENT_ID: z.string().min(1).optional(),
    /** Scopes the admin UI asks the issuer for. Default `openid profile`. */
    OIDC_UI_SCOPE: z.string().min(1).default('openid profile'),
    /**
     * Trust the local development issuer (`pnpm token`, the test kit). Unset: trusted only
     * while no external issuer is configured. `1` trusts it beside the external issuer (the
     * local OpenID provider of `pnpm start`), `0` never.
     */
    TRUST_DEV_ISSUER: z
      .enum(['0', '1'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === '1')),
    /**
     * Longest lifetime (`exp` − `iat`, and `exp` − now) of a person's access token, in
     * seconds. Longer-lived tokens are refused whoever signed them. Default 3600 (1 h).
     */
    TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    /** The same for a system's token (role `MUNICIPAL_SYSTEM`). Default 3600 (1 h). */
    SYSTEM_TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    /** Subgraph URLs the gateway routes to; default to the local ports of `pnpm start`. */
    CLIENTS_URL: z.url().default('http://127.0.0.1:4001/graphql'),
    BUDGETS_URL: z.url().default('http://127.0.0.1:4002/graphql'),
    PROVIDERS_URL: z.url().default('http://127.0.0.1:4003/graphql'),
    PLANS_URL: z.url().default('http://127.0.0.1:4004/graphql'),
    /** Port of the admin UI's static server (`pnpm start`). */
    WEB_PORT: z.coerce.number().int().min(0).max(65535).default(5173),
    /**
     * Mutations one caller (token subject, or address when anonymous) may send per minute
     * through one gateway instance. Default 120.
     */
    MUTATION_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    /**
     * Providers: seconds a public catalogue answer is reused by one instance (5); 0 switches
     * the answer cache off, e.g. to measure the search itself.
     */
    CATALOGUE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
    /**
     * Providers: public catalogue searches one instance runs at once (4), each holding a
     * database connection; must be below DATABASE_POOL_SIZE, so that the rest of the pool
     * stays for staff work.
     */
    CATALOGUE_CONCURRENCY: z.coerce.number().int().min(1).max(99).default(4),
    /**
     * Providers: public catalogue searches that may wait for a turn (16); beyond them a search
     * is refused at once with code BUSY (HTTP 503, Retry-After).
     */
    CATALOGUE_QUEUE: z.coerce.number().int().min(0).max(1000).default(16),
    /** Gateway: live subscriptions one WebSocket connection may hold. Default 20. */
    SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).default(20),
    /**
     * Gateway: live subscriptions one principal (role and subject, over all its tokens and
     * sockets) may hold on one gateway instance. Default 50.
     */
    SUBSCRIPTIONS_PER_PRINCIPAL: z.coerce.number().int().min(1).default(50),
    /**
     * Budget alert thresholds (budgets service). Shares are fractions of the year or of the
     * granted amount; the defaults are the ones in `subgraphs/budgets/src/domain/alert-rules.ts`.
     * UNDERUSE: use is this far behind the elapsed share of the year (0.25).
     */
    ALERT_UNDERUSE_GAP: z.coerce.number().min(0).max(1).default(0.25),
    /** OVERUSE: use is this far ahead of the elapsed share of the year (0.20). */
    ALERT_OVERUSE_GAP: z.coerce.number().min(0).max(1).default(0.2),
    /** No under-use alert before this share of the year has passed (0.25). */
    ALERT_MIN_ELAPSED_SHARE: z.coerce.number().min(0).max(1).default(0.25),
    /** ABNORMAL_CHARGE: a charge above this many times the client's median charge (3). */
    ALERT_ABNORMAL_FACTOR: z.coerce.number().min(1).max(100).default(3),
    /** ABNORMAL_CHARGE needs at least this many earlier charges to compare with (3). */
    ALERT_MIN_HISTORY: z.coerce.number().int().min(1).max(100).default(3),
    /** YEAR_END_LAPSE_AHEAD: more than this share of the budget unused in the last quarter (0.15). */
    ALERT_LAPSE_SHARE: z.coerce.number().min(0).max(1).default(0.15),
    /** Caseload: a charge pending the client's confirmation longer than this many days is waiting (7). */
    CASELOAD_WAITING_DAYS: z.coerce.number().int().min(0).max(365).default(7),
    /** E-mail notifications: the SMTP relay (`smtp://user:pass@host:587`); unset, none are sent. */
    SMTP_URL: z.url().optional(),
    /** Sender of notification e-mails. */
    MAIL_FROM: z.string().default('HB-keskus <noreply@hb-keskus.invalid>'),
    /** The admin UI's address, for links in e-mails. */
    PUBLIC_UI_URL: z.url().default('http://localhost:4000/'),
    /** How often the budgets subgraph looks for e-mails to send, in ms (60 000). */
    NOTIFY_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
    /**
     * Subgraphs: identical reads in flight (same document, variables and token) share one
     * execution, each still access-logged under its own request id (see `InFlightReads`).
     * On by default; `0` runs every request on its own.
     */
    SHARE_IN_FLIGHT_READS: z
      .enum(['0', '1'])
      .default('1')
      .transform((v) => v === '1'),
    /**
     * Gateway: `1` opens its port (and so its /health) only once every subgraph answers its
     * own /health, so that a platform whose gateway answers is one that answers queries.
     * `pnpm start` sets it and starts the gateway beside its subgraphs, so that it loads its
     * code and builds its query planner while they start. Off by default: a gateway in
     * production does not wait for services its orchestrator already checks.
     */
    WAIT_FOR_SUBGRAPHS: z
      .enum(['0', '1'])
      .default('0')
      .transform((v) => v === '1'),
    /**
     * Settlement (budgets service): the organiser's own account that pain.001 payment files
     * debit. The defaults are the demo organiser with the standard Finnish example IBAN
     * (FI21 1234 5600 0007 85), which no bank holds: set real values in production.
     */
    SETTLEMENT_DEBTOR_NAME: z.string().min(1).max(70).default('Pirkanmaan hyvinvointialue'),
    /** IBAN of that account (spaces allowed); the budgets service refuses to start with a bad one. */
    SETTLEMENT_DEBTOR_IBAN: z.string().min(15).max(42).default('FI2112345600000785'),
    /** BIC of that account; empty for none. */
    SETTLEMENT_DEBTOR_BIC: z.string().max(11).default('NDEAFIHH'),
    /**
     * `1` opens the development issuer's token endpoint (`POST /dev/token` on the gateway, the
     * admin UI's development sign-in), which mints a token of any role. Closed unless set
     * (`pnpm start`, the test kit and the CI smoke set it), and never in production or with an
     * external issuer.
     */
    DEV_ISSUER: z
      .enum(['0', '1'])
      .default('0')
      .transform((v) => v === '1'),
    /**
     * A shared secret (32 characters or more) the gateway sends to every subgraph in the
     * `x-gateway-credential` header. A subgraph answers `_entities` and `_service` only to a
     * caller with a valid token or this credential (anonymous catalogue reads through the
     * gateway need it). The launcher makes a random one per start when unset.
     */
    GATEWAY_CREDENTIAL: z.string().min(32).optional(),
    /**
     * Tests only: the budgets service's "today in Finland" (`YYYY-MM-DD`), e.g. the last day of
     * a year that is over, so that an end-to-end test can decide that year's budgets through a
     * second budgets instance. Refused at boot unless `NODE_ENV` is `test`.
     */
    TEST_TODAY: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
      .optional(),
    /** Seed demo data into an empty database at start. */
    SEED_DEMO: z
      .enum(['0', '1'])
      .default('0')
      .transform((v) => v === '1'),
  })
  .superRefine((config, ctx) => {
    // A pinned clock would let decisions and charges be backdated: never outside tests.
    if (config.TEST_TODAY && config.NODE_ENV !== 'test') {
      ctx.addIssue({ code: 'custom', path: ['TEST_TODAY'], message: 'only when NODE_ENV=test' });
    }
    // Without it no subgraph can tell the gateway from anyone else on the network, so
    // anonymous catalogue reads through the gateway would fail or `_entities` be open.
    if (config.NODE_ENV === 'production' && !config.GATEWAY_CREDENTIAL) {
      ctx.addIssue({
        code: 'custom',
        path: ['GATEWAY_CREDENTIAL'],
        message: 'required in production',
      });
    }
    // Without them any token signed by the issuer's keys would do, whatever it was minted for.
    if (!config.OIDC_JWKS_URL) return;
    for (const key of ['OIDC_ISSUER', 'OIDC_AUDIENCE'] as const) {
      if (!config[key]) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'required when OIDC_JWKS_URL is set',
        });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

/** The issuer and audience of tokens minted by the local development issuer. */
export const DEV_ISSUER = 'urn:hb-keskus:dev-issuer';
export const DEV_AUDIENCE = 'hb-keskus';

/**
 * Parses an environment (by default the process's own) into a typed config.
 * Throws one error listing every invalid setting, so a misconfigured service fails at boot.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
