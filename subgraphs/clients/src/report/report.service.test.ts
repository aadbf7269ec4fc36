import type { Principal } from '@hb/kit';
import { principal, requestContext } from '@hb/kit/testing';
import { clientsFixture } from '../testing/clients-fixture';
import { ClientReportService } from './report.service';
import { ClientReportStore } from './report.store';

/** The clients subgraph's part of the organiser's report: all clients and the HB share. */
const f = clientsFixture();

const addClients = async (municipality: string, n: number) => {
  for (let i = 0; i < n; i++) {
    await f.database.dataSource.query(
      `INSERT INTO clients.client (first_name, last_name, municipality_code) VALUES ('Testi', $1, $2)`,
      [`Raportti${i}`, municipality],
    );
  }
};

beforeAll(async () => {
  await addClients('887', 8);
  await addClients('922', 3);
}, 120_000);

const service = (who: Principal | null) =>
  new ClientReportService(
    new ClientReportStore(f.database.dataSource),
    requestContext(f.database.dataSource, who, 'clients'),
  );
const organiserOf = (...municipalities: string[]) => principal('ORGANISER', { municipalities });

describe('clients in the report', () => {
  it('counts every client of the municipality in SQL', async () => {
    const store = new ClientReportStore(f.database.dataSource);
    expect(await store.clientCount('887')).toBe(8);
    expect(await store.clientCount('922')).toBe(3);
    expect(await store.clientCount('999')).toBe(0);
  });

  it.each([
    // [municipality, hbClientCount from the budgets subgraph, clientCount, hbShare]
    ['887', 8, 8, 1],
    ['887', 5, null, null], // 8 − 5 = 3 clients outside HB: the count would give them away
    ['887', 6, null, null],
    ['887', 7, null, null],
    ['887', null, 8, null], // HB count suppressed in the budgets subgraph
    ['887', 0, 8, 0],
    ['887', undefined, null, null], // no HB count to check against: not shown
    ['922', 3, null, null], // three clients: suppressed here
  ])('%s with %p HB clients: clientCount %p, hbShare %p', async (code, hb, count, share) => {
    const reports = service(organiserOf(code));
    const ref = reports.get({ municipalityCode: code, year: 2024, hbClientCount: hb });
    expect(await reports.clientCount(ref)).toBe(count);
    expect(await reports.hbShare(ref)).toBe(share);
  });

  it.each([
    ['an adviser', principal('ADVISER', { municipalities: ['887'] })],
    ['a client', principal('CLIENT', { municipalities: ['887'], clientId: 'x' })],
    ['an organiser of another municipality', organiserOf('922')],
    [
      'a system without reports:read',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['887'], scopes: ['clients:read'] }),
    ],
  ])('refuses %s, also as a reference (_entities)', async (_name, who) => {
    const ref = { municipalityCode: '887', year: 2024, hbClientCount: 6 };
    expect(() => service(who).get(ref)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
    await expect(service(who).clientCount(ref)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(service(who).hbShare(ref)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('lets a municipal system with reports:read in', async () => {
    const system = principal('MUNICIPAL_SYSTEM', {
      municipalities: ['887'],
      scopes: ['reports:read'],
    });
    expect(
      await service(system).clientCount({ municipalityCode: '887', year: 2024, hbClientCount: 0 }),
    ).toBe(8);
  });
});
