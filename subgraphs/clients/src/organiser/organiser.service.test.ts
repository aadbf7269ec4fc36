/**
 * Organisers through the clients schema: the organisers from the migration, each demo
 * municipality linked to Pirkanmaan hyvinvointialue, batched, and the migration linking
 * municipalities that existed before it.
 */
import { graphql } from 'graphql';
import type { QueryRunner } from 'typeorm';
import { DEMO, ORGANISERS } from '@hb/kit';
import { queryDatabase } from '@hb/kit/testing';
import { clientsFixture } from '../testing/clients-fixture';
import { Organisers1796300000120 } from '../migrations/1796300000120-Organisers';

const f = clientsFixture({ schema: true });

async function run(source: string) {
  const result = await graphql({ schema: f.schema, source, contextValue: f.as(null) });
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

describe('organisers', () => {
  it('lists the organisers with the municipalities served, to anyone', async () => {
    const data = (await run(
      `{ organisers { id name nameSv kind municipalities { code organiser { id } } } }`,
    )) as {
      organisers: Array<{
        id: string;
        name: string;
        kind: string;
        municipalities: Array<{ code: string; organiser: { id: string } }>;
      }>;
    };
    expect(data.organisers.map((o) => o.id).sort()).toEqual(ORGANISERS.map((o) => o.id).sort());
    const pirha = data.organisers.find((o) => o.id === 'pirkanmaa')!;
    expect(pirha).toMatchObject({
      name: 'Pirkanmaan hyvinvointialue',
      kind: 'WELLBEING_SERVICES_COUNTY',
    });
    expect(pirha.municipalities.map((m) => m.code).sort()).toEqual([...DEMO.pirkanmaa].sort());
    expect(pirha.municipalities.every((m) => m.organiser.id === 'pirkanmaa')).toBe(true);
    expect(data.organisers.find((o) => o.id === 'helsinki')!.kind).toBe('CITY');
  });

  it('gives Nokia and Tampere the same organiser, and one organiser by id', async () => {
    const data = (await run(
      `{ municipalities { code organiser { id name } } organiser(id: "kanta-hame") { name } none: organiser(id: "atlantis") { id } }`,
    )) as {
      municipalities: Array<{ code: string; organiser: { id: string; name: string } }>;
      organiser: { name: string };
      none: null;
    };
    const of = (code: string) => data.municipalities.find((m) => m.code === code)!.organiser;
    expect(of('536')).toEqual(of('837'));
    expect(of('536').name).toBe('Pirkanmaan hyvinvointialue');
    expect(data.organiser.name).toBe('Kanta-Hämeen hyvinvointialue');
    expect(data.none).toBeNull();
  });

  it('resolves organisers by key for the gateway', async () => {
    const data = (await run(
      `{ _entities(representations: [{ __typename: "Organiser", id: "pirkanmaa" }]) { ... on Organiser { name municipalities { code } } } }`,
    )) as { _entities: Array<{ name: string; municipalities: unknown[] }> };
    expect(data._entities[0]).toMatchObject({ name: 'Pirkanmaan hyvinvointialue' });
    expect(data._entities[0]!.municipalities).toHaveLength(23);
  });

  it('links municipalities that existed before the migration, read-only for the service', async () => {
    // As the owner, as migrations run (the service's role may not change tables).
    const runner = {
      query: (sql: string, params?: unknown[]) => queryDatabase(f.url, sql, params),
    };
    await runner.query(`ALTER TABLE clients.municipality DROP COLUMN organiser_id`);
    await runner.query(`DROP TABLE clients.organiser`);
    await new Organisers1796300000120().up(runner as unknown as QueryRunner);
    const rows = (await f.database.dataSource.query(
      `SELECT count(*)::int AS n FROM clients.municipality WHERE organiser_id = 'pirkanmaa'`,
    )) as Array<{ n: number }>;
    expect(rows[0]!.n).toBe(23);
    await expect(
      f.database.dataSource.query(`UPDATE clients.organiser SET name = 'x'`),
    ).rejects.toThrow(/permission denied/);
  });
});
