import fs from 'node:fs';
import path from 'node:path';

/** The repository's root (this file is packages/platform/src/structure/, or dist/structure/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Every package's source folder: the shared kit, the launcher, subgraphs, gateway, UI, bench, tests. */
export function sourceFolders(): string[] {
  const under = (dir: string) =>
    fs
      .readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(REPO_ROOT, dir, d.name, 'src')))
      .map((d) => path.join(dir, d.name, 'src'));
  return [
    ...under('packages'),
    ...under('subgraphs'),
    'gateway/src',
    'web-admin/src',
    'bench/src',
    'test/src',
  ].filter((dir) => fs.existsSync(path.join(REPO_ROOT, dir)));
}

/** Tests and test-only helpers are not production code. */
export const TEST_FILE = /(\.test\.tsx?|\.e2e\.ts|\.testing\.ts)$/;
