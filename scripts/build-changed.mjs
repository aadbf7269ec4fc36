#!/usr/bin/env node
/**
 * `pnpm start`'s build: only what changed since the last build.
 *
 * TypeScript builds incrementally by itself (`tsc -b` skips projects whose inputs are older
 * than their build info). Vite has no incremental production build, so the admin UI is
 * rebuilt only when one of its inputs (its sources, its configuration, or the supergraph it
 * generates its types from) is newer than the stamp written after its last successful build.
 * A stamp compared by modification time is what make does; no tool is worth adding for it.
 */
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ui = path.join(root, 'web-admin');
const stamp = path.join(ui, 'dist', '.build-stamp');
const uiInputs = [
  path.join(ui, 'src'),
  path.join(ui, 'scripts'),
  path.join(ui, 'index.html'),
  path.join(ui, 'package.json'),
  path.join(ui, 'vite.config.ts'),
  path.join(ui, 'codegen.ts'),
  path.join(ui, 'tsconfig.json'),
  path.join(root, 'gateway', 'supergraph.graphql'),
];

/** The newest modification time under `entry` (a file or a folder), in milliseconds. */
function newest(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

/** Runs a build step; its own output says what failed, so a failure only ends this script. */
function run(command, args, cwd) {
  try {
    execFileSync(command, args, { cwd, stdio: 'inherit' });
  } catch (error) {
    process.exit(typeof error.status === 'number' ? error.status : 1);
  }
}

const started = Date.now();
run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], root);
const uiChanged = !existsSync(stamp) || Math.max(...uiInputs.map(newest)) > statSync(stamp).mtimeMs;
if (uiChanged) {
  run('pnpm', ['--filter', '@hb/web-admin', 'build'], root);
  writeFileSync(stamp, new Date().toISOString() + '\n');
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `Build: ${uiChanged ? 'TypeScript and the admin UI' : 'TypeScript (the admin UI is up to date)'} in ${seconds} s\n`,
);
