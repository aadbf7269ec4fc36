import fs from 'node:fs';
import { SUPERGRAPH_FILE, composeSupergraph } from '@hb/platform';

describe('committed supergraph', () => {
  it('is what the subgraphs compose to today (run `pnpm compose` when this fails)', async () => {
    const fresh = await composeSupergraph();
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(fresh);
  }, 60_000);
});
