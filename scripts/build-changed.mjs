#!/usr/bin/env node
/**
 * `pnpm start`'s build: only what changed since the last build.
 *
 * TypeScript builds incrementally by itself (`tsc -b` skips projects whose inputs are older
 * than their build info); the same comparison is made here first, so that an unchanged tree
 * does not load the compiler at all. Vite has no incremental production build, so the admin UI is
 * rebuilt only when one of its inputs (its sources, its configuration, or the supergraph it
 * generates its types from) is newer than the stamp written after its last successful build.
 * A stamp compared by modification time is what make does; no tool is worth adding for it.
 */
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * What `tsc -b` would find, without loading the compiler (a second of CPU time on every start):
 * true when every project of the root tsconfig has a clean build info (no errors or pending
 * emit recorded, same compiler version) newer than its sources, its tsconfig and package.json,
 * the shared compiler options, the installed dependencies and the newest declarations of the
 * projects it references. Anything else, or anything unexpected, leaves the decision to `tsc -b`.
 */
function typeScriptUpToDate() {
  const CLEAN_KEYS = new Set([
    'fileNames',
    'fileIdsList',
    'fileInfos',
    'root',
    'options',
    'referencedMap',
    'latestChangedDtsFile',
    'version',
  ]);
  try {
    const tsVersion = JSON.parse(
      readFileSync(path.join(root, 'node_modules', 'typescript', 'package.json'), 'utf8'),
    ).version;
    const shared = Math.max(
      ...[
        path.join(root, 'tsconfig.json'),
        path.join(root, 'tsconfig.base.json'),
        path.join(root, 'node_modules', '.modules.yaml'),
      ].map(newest),
    );
    const tsconfig = (dir) => JSON.parse(readFileSync(path.join(dir, 'tsconfig.json'), 'utf8'));
    const projects = tsconfig(root).references.map((r) => path.resolve(root, r.path));
    for (const dir of projects) {
      const info = path.join(dir, 'tsconfig.tsbuildinfo');
      if (!existsSync(info) || !existsSync(path.join(dir, 'dist'))) return false;
      const built = JSON.parse(readFileSync(info, 'utf8'));
      if (built.version !== tsVersion || Object.keys(built).some((k) => !CLEAN_KEYS.has(k))) {
        return false;
      }
      // As tsc does: a referenced project counts by its newest emitted declarations.
      const references = (tsconfig(dir).references ?? []).map((r) => {
        const upstream = path.resolve(dir, r.path);
        const upstreamInfo = path.join(upstream, 'tsconfig.tsbuildinfo');
        const dts = JSON.parse(readFileSync(upstreamInfo, 'utf8')).latestChangedDtsFile;
        return typeof dts === 'string' ? path.resolve(upstream, dts) : upstreamInfo;
      });
      const inputs = [
        path.join(dir, 'src'),
        path.join(dir, 'tsconfig.json'),
        path.join(dir, 'package.json'),
        ...references,
      ];
      if (Math.max(shared, ...inputs.map(newest)) > statSync(info).mtimeMs) return false;
    }
    return true;
  } catch {
    return false;
  }
}

const started = Date.now();
if (!typeScriptUpToDate()) {
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], root);
}
const uiChanged = !existsSync(stamp) || Math.max(...uiInputs.map(newest)) > statSync(stamp).mtimeMs;
if (uiChanged) {
  run('pnpm', ['--filter', '@hb/web-admin', 'build'], root);
  writeFileSync(stamp, new Date().toISOString() + '\n');
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(
  `Build: ${uiChanged ? 'TypeScript and the admin UI' : 'TypeScript (the admin UI is up to date)'} in ${seconds} s\n`,
);
