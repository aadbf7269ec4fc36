import path from 'node:path';

/** The repository root, found from this file's place in `packages/platform/dist`. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** One subgraph of the platform, as the launcher and the composer see it. */
export interface SubgraphService {
  name: 'clients' | 'budgets' | 'providers' | 'plans';
  /**
   * Port beside the default gateway port ({@link DEFAULT_GATEWAY_PORT}); the launcher keeps
   * the same distance from whatever port the gateway is given, so that two platforms with
   * different `PORT`s run side by side.
   */
  port: number;
  /** The gateway's setting that carries this subgraph's URL. */
  urlSetting: 'CLIENTS_URL' | 'BUDGETS_URL' | 'PROVIDERS_URL' | 'PLANS_URL';
  /** Compiled entry point, relative to the repository root. */
  main: string;
  /** Prints the subgraph's SDL; needs no database. */
  printSdl: string;
}

/** The gateway's port unless `PORT` says otherwise. */
export const DEFAULT_GATEWAY_PORT = 4000;

export const SUBGRAPHS: SubgraphService[] = (
  [
    ['clients', 4001, 'CLIENTS_URL'],
    ['budgets', 4002, 'BUDGETS_URL'],
    ['providers', 4003, 'PROVIDERS_URL'],
    ['plans', 4004, 'PLANS_URL'],
  ] as const
).map(([name, port, urlSetting]) => ({
  name,
  port,
  urlSetting,
  main: `subgraphs/${name}/dist/main.js`,
  printSdl: `subgraphs/${name}/dist/print-sdl.js`,
}));

export const GATEWAY_MAIN = 'gateway/dist/main.js';
/** The local OpenID provider of development (`pnpm start`, browser tests). */
export const DEV_OIDC_MAIN = 'packages/platform/dist/dev-oidc/main.js';
/** How the platform knows the local OpenID provider: its tokens' audience, the UI's client id. */
export const LOCAL_IDP = { audience: 'hb-keskus', clientId: 'hb-admin' } as const;
export const SUPERGRAPH_FILE = path.join(ROOT, 'gateway', 'supergraph.graphql');
