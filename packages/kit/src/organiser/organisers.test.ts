/**
 * The organiser reference data and what an organiser-scoped token grants: the organiser's
 * municipalities, expanded by the verifier from a signed development token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { DEMO } from '../demo';
import { signDevToken } from '../auth/dev-issuer';
import { createVerifier } from '../auth/verifier';
import { principal } from '../testing/test-principal';
import {
  ORGANISERS,
  PIRKANMAA_ORGANISER_ID,
  actsForOrganiser,
  municipalityCodesOf,
  organiserOfMunicipality,
} from './organisers';

describe('organiser reference data', () => {
  it('gives Pirkanmaan hyvinvointialue the demo world’s 23 municipalities', () => {
    expect(municipalityCodesOf(PIRKANMAA_ORGANISER_ID).sort()).toEqual([...DEMO.pirkanmaa].sort());
  });

  it('puts every municipality under exactly one organiser, with a 3-digit code', () => {
    const codes = ORGANISERS.flatMap((o) => o.municipalities.map((m) => m.code));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[0-9]{3}$/);
  });

  it.each([
    ['837', 'pirkanmaa'],
    ['536', 'pirkanmaa'],
    ['109', 'kanta-hame'],
    ['091', 'helsinki'],
    ['999', null],
  ])('municipality %s is organised by %s', (code, organiser) => {
    expect(organiserOfMunicipality(code)?.id ?? null).toBe(organiser);
  });

  it.each([
    ['the organiser’s own token', { organiserId: 'pirkanmaa' }, true],
    ['another organiser’s token', { organiserId: 'helsinki' }, false],
    ['a token of all 23 municipalities', { municipalities: [...DEMO.pirkanmaa] }, true],
    ['a token of Tampere only', { municipalities: ['837'] }, false],
    ['a token of nothing', {}, false],
  ])('%s acts for Pirkanmaa: %s', (_name, overrides, expected) => {
    expect(actsForOrganiser(principal('ORGANISER', overrides), 'pirkanmaa')).toBe(expected);
  });
});

describe('organiser-scoped tokens', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-organiser-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const verify = async (claims: Parameters<typeof signDevToken>[1]) =>
    (await createVerifier(loadConfig({ DATA_DIR: dataDir })))(await signDevToken(dataDir, claims));

  it('expands an organiser into its municipalities, ignoring any listed in the token', async () => {
    const p = await verify({
      sub: 'o',
      role: 'ORGANISER',
      organiserId: 'pirkanmaa',
      municipalities: ['091'],
    });
    expect(p.organiserId).toBe('pirkanmaa');
    expect(p.organisation).toBe('pirkanmaa');
    expect(p.municipalities.sort()).toEqual([...DEMO.pirkanmaa].sort());
  });

  it('gives a municipal system of Helsinki Helsinki only', async () => {
    const p = await verify({ sub: 's', role: 'MUNICIPAL_SYSTEM', organiserId: 'helsinki' });
    expect(p.municipalities).toEqual(['091']);
  });

  it('grants nothing for an unknown organiser', async () => {
    const p = await verify({ sub: 'o', role: 'ORGANISER', organiserId: 'atlantis' });
    expect(p.municipalities).toEqual([]);
  });

  it('ignores the organiser claim of roles not scoped to an organiser', async () => {
    const p = await verify({
      sub: 'w',
      role: 'WORKER',
      organiserId: 'pirkanmaa',
      municipalities: ['837'],
    });
    expect(p.organiserId).toBeNull();
    expect(p.municipalities).toEqual(['837']);
  });

  it('still reads an older municipality-scoped organiser token', async () => {
    const p = await verify({ sub: 'o', role: 'ORGANISER', municipalities: ['837'] });
    expect(p.organiserId).toBeNull();
    expect(p.municipalities).toEqual(['837']);
  });
});
