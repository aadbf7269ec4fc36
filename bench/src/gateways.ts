import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, type Platform } from '@hb/platform';
import { ROOT, gql, waitFor, type Target } from './harness';

/** The targets besides our gateway: Hive Gateway, the subgraphs asked directly, no sharing. */

/** A copy of the committed supergraph whose subgraph URLs point at running subgraphs. */
export function writeSupergraph(
  dir: string,
  name: string,
  urlOf: (name: string) => string,
): string {
  const supergraph = fs
    .readFileSync(path.join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8')
    .replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (_m, graph: string) => {
      return `@join__graph(name: "${graph}", url: "${urlOf(graph)}")`;
    });
  const file = path.join(dir, name);
  fs.writeFileSync(file, supergraph);
  return file;
}

export function startHive(supergraphFile: string, port: number, dedupe = true): ChildProcess {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'hive-server.js'), supergraphFile, String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', HIVE_DEDUPE: dedupe ? '1' : '0' },
    },
  );
  child.stderr.on('data', (c: Buffer) => process.stderr.write(`[hive] ${c.toString('utf8')}`));
  child.stdout.resume();
  return child;
}

/** Hive Gateway over the platform's subgraphs, started and answering. */
export async function hiveTarget(
  name: string,
  supergraphFile: string,
  token: string,
  children: ChildProcess[],
  dedupe = true,
): Promise<Target> {
  const port = await freePort();
  const child = startHive(supergraphFile, port, dedupe);
  children.push(child);
  const target = { name, url: `http://127.0.0.1:${port}/graphql`, gateway: child };
  await waitFor(async () => (await gql(target.url, token, '{ __typename }')).status === 200, name);
  return target;
}

/**
 * Our platform with caching and in-flight sharing off: a gateway with SHARE_IN_FLIGHT_READS=0
 * over a providers subgraph instance without its answer cache (CATALOGUE_CACHE_SECONDS=0) and
 * a clients instance, both also with SHARE_IN_FLIGHT_READS=0 (budgets and plans are shared
 * with the main stack: a second budgets instance would run its daily job over every budget).
 */
export async function sharingOff(
  platform: Platform,
  children: ChildProcess[],
): Promise<{ gateway: Target; providers: Target }> {
  const off = { SHARE_IN_FLIGHT_READS: '0', CATALOGUE_CACHE_SECONDS: '0' };
  const providers = await platform.startInstance('providers', off);
  const clients = await platform.startInstance('clients', off);
  children.push(providers.child, clients.child);
  const gateway = await platform.startGateway({
    ...off,
    PROVIDERS_URL: providers.url,
    CLIENTS_URL: clients.url,
  });
  children.push(gateway.child);
  return {
    gateway: {
      name: 'our gateway, cache and sharing off',
      url: gateway.url,
      gateway: gateway.child,
    },
    providers: { name: 'providers subgraph (direct), cache and sharing off', url: providers.url },
  };
}
