import path from 'node:path';
import madge from 'madge';
import { REPO_ROOT, TEST_FILE, sourceFolders } from './packages';

/**
 * No import circles in production code, type-only imports included: a circle means two files
 * cannot be understood (or loaded) one after the other. The usual cause is a composition root
 * (context.ts) whose types the services it wires import back; those types live in shared/.
 */
describe('the import graph', () => {
  it('finds the packages', () => {
    expect(sourceFolders()).toEqual(
      expect.arrayContaining(['packages/kit/src', 'subgraphs/budgets/src', 'web-admin/src']),
    );
  });

  it.each(sourceFolders())('%s has no circle', async (dir) => {
    const graph = await madge(path.join(REPO_ROOT, dir), {
      fileExtensions: ['ts', 'tsx'],
      excludeRegExp: [TEST_FILE, /node_modules/, /[\\/]dist[\\/]/, /\.d\.ts$/],
    });
    // A folder madge could not parse would pass vacuously.
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(1);
    expect(graph.circular()).toEqual([]);
  });
});
