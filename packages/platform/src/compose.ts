import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { ROOT, SUBGRAPHS, SUPERGRAPH_FILE } from './services';

const run = promisify(execFile);

/**
 * Composes the supergraph offline from each subgraph's SDL. Each SDL is printed by its own
 * process so that the subgraphs' type-graphql metadata never mixes.
 */
export async function composeSupergraph(): Promise<string> {
  const services = await Promise.all(
    SUBGRAPHS.map(async (s) => {
      const { stdout } = await run(process.execPath, [path.join(ROOT, s.printSdl)], {
        maxBuffer: 10_000_000,
      });
      return { name: s.name, url: `http://127.0.0.1:${s.port}/graphql`, typeDefs: parse(stdout) };
    }),
  );
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  }
  return result.supergraphSdl;
}

async function main(): Promise<void> {
  const sdl = await composeSupergraph();
  fs.writeFileSync(SUPERGRAPH_FILE, sdl);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), SUPERGRAPH_FILE)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
