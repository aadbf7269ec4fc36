import crypto from 'node:crypto';
import type { Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import {
  approvedProvider,
  budgetWithCommitments,
  budgetsFixture,
  fakeRemote,
} from '../testing/budgets-fixture';

/**
 * Inbox items go to the client's NAMED own worker and HB adviser (issue 17 item 4), on a real
 * PostgreSQL: a colleague of the same municipality who is not named does not get them, by
 * inbox or by e-mail; a reassignment (syncClientStaff, which reads the clients subgraph — here
 * a small in-memory one) sends the items raised after it to the new person and leaves the
 * earlier ones where they were; a client nobody is named for keeps reaching every own worker
 * and adviser of her municipality. Only staff of her municipality may sync.
 */
const year = new Date().getFullYear();
const TODAY = `${year}-08-08`;
const providerA = crypto.randomUUID();
/** The clients subgraph as this test sets it: municipality and named staff per client. */
const clients = new Map<
  string,
  { municipalityCode: string; ownWorkerId: string | null; adviserId: string | null }
>();
const { remote, providers } = fakeRemote({
  clients: {
    client: async (_ctx, id) => {
      const c = clients.get(id);
      return c ? { id, municipalityCode: c.municipalityCode, firstName: 'Testi' } : null;
    },
    namedStaff: async (_ctx, id) => {
      const c = clients.get(id);
      return c ? { id, ...c } : null;
    },
  },
});
providers.set(providerA, approvedProvider(providerA));
const f = budgetsFixture({ seed: 'demo', remote, today: TODAY });
const { as, q } = f;

const staff = (role: 'WORKER' | 'ADVISER', municipality = '837') =>
  principal(role, { sub: crypto.randomUUID(), municipalities: [municipality] });

/**
 * A client of 837 with the given named staff (synced before anything happens to her) and a
 * 10 000 € budget committed to provider A; decided in August with nothing used, the budget
 * raises an under-use alert at once.
 */
async function client(named: { worker: Principal | null; adviser: Principal | null }) {
  const clientId = crypto.randomUUID();
  clients.set(clientId, {
    municipalityCode: '837',
    ownWorkerId: named.worker?.sub ?? null,
    adviserId: named.adviser?.sub ?? null,
  });
  if (named.worker || named.adviser)
    expect(await as(staff('ADVISER')).inbox.syncClientStaff(clientId)).toBe(true);
  const b = await budgetWithCommitments(f, staff('WORKER'), year, {
    clientId,
    municipality: '837',
    commitments: [{ providerId: providerA, amount: '10000.00' }],
  });
  return { clientId, commitmentId: b.commitments.get(providerA)! };
}

/** [kind, message] of the items of the client in the person's inbox. */
const items = async (who: Principal, clientId: string) =>
  (await as(who).inbox.inbox(100, null)).edges
    .filter((e) => e.node.clientId === clientId)
    .map((e) => [e.node.kind, e.node.body]);

const raise = (commitmentId: string, message: string) =>
  as(principal('PROVIDER', { providerId: providerA })).concerns.raise({
    commitmentId,
    kind: 'ABNORMAL_USE',
    message,
  });

describe('items addressed to the named own worker and adviser', () => {
  it('reach the named ones and no colleague of the same municipality', async () => {
    const worker = staff('WORKER');
    const adviser = staff('ADVISER');
    const c = await client({ worker, adviser });
    expect((await raise(c.commitmentId, 'Käynnit ovat loppuneet kokonaan.')).errors).toEqual([]);

    expect(await items(worker, c.clientId)).toEqual(
      expect.arrayContaining([
        ['ALERT', expect.stringContaining('käytetty 0')],
        ['CONCERN', 'Käynnit ovat loppuneet kokonaan.'],
      ]),
    );
    expect((await items(adviser, c.clientId)).map((i) => i[0])).toEqual(['ALERT']);
    for (const colleague of [staff('WORKER'), staff('ADVISER')])
      expect(await items(colleague, c.clientId)).toEqual([]);

    // Nor can a colleague mark one of them read: it is not hers.
    const [item] = (await as(worker).inbox.inbox(100, null)).edges.filter(
      (e) => e.node.clientId === c.clientId,
    );
    await expect(as(staff('WORKER')).inbox.markRead(item!.node.id)).rejects.toMatchObject({
      extensions: { code: 'NOT_FOUND' },
    });
    expect(await as(worker).inbox.markRead(item!.node.id)).toBe(true);
  });

  it('go to the new own worker after a reassignment; the earlier ones stay', async () => {
    const first = staff('WORKER');
    const second = staff('WORKER');
    const c = await client({ worker: first, adviser: null });
    await raise(c.commitmentId, 'Ennen siirtoa.');
    clients.set(c.clientId, { municipalityCode: '837', ownWorkerId: second.sub, adviserId: null });
    expect(await as(staff('WORKER')).inbox.syncClientStaff(c.clientId)).toBe(true);
    await raise(c.commitmentId, 'Siirron jälkeen.');

    const concerns = async (who: Principal) =>
      (await items(who, c.clientId)).filter((i) => i[0] === 'CONCERN').map((i) => i[1]);
    expect(await concerns(first)).toEqual(['Ennen siirtoa.']);
    expect(await concerns(second)).toEqual(['Siirron jälkeen.']);
    expect(await concerns(staff('WORKER'))).toEqual([]);
  });

  it('are e-mailed only to the named person', async () => {
    const worker = staff('WORKER');
    const colleague = staff('WORKER');
    for (const who of [worker, colleague]) {
      const saved = await as(who).notifications.save({
        email: `${who.sub}@example.org`,
        enabled: true,
        daily: false,
      });
      expect(saved.errors).toEqual([]);
    }
    const c = await client({ worker, adviser: null });
    await raise(c.commitmentId, 'Sähköpostiin.');
    const stores = createStores(f.database.dataSource);
    const pending = async (who: Principal) =>
      (
        await stores.notifications.pending(
          (await stores.notifications.get(`WORKER:${who.sub}`))!,
          100,
        )
      ).map((p) => p.title);
    expect(await pending(worker)).toEqual(
      expect.arrayContaining([
        'Hälytys: budjettia käytetään vähän',
        'Palveluntuottajan huoli: asiakkaan palvelunkäyttö on poikkeavaa',
      ]),
    );
    // The colleague has items of clients nobody is named for, but none of this client.
    const theirs = await pending(colleague);
    expect(theirs).not.toContain('Palveluntuottajan huoli: asiakkaan palvelunkäyttö on poikkeavaa');
  });

  it('reach every own worker and adviser of the municipality while nobody is named', async () => {
    const c = await client({ worker: null, adviser: null });
    await raise(c.commitmentId, 'Ei nimettyä työntekijää.');
    expect((await items(staff('WORKER'), c.clientId)).map((i) => i[0]).sort()).toEqual([
      'ALERT',
      'CONCERN',
    ]);
    expect((await items(staff('ADVISER'), c.clientId)).map((i) => i[0])).toEqual(['ALERT']);
    expect(await items(staff('WORKER', '536'), c.clientId)).toEqual([]);
  });
});

describe('syncClientStaff', () => {
  it.each([
    ['no token', null, 'UNAUTHENTICATED'],
    ['the client', 'CLIENT', 'FORBIDDEN'],
    ['a team member', 'TEAM_MEMBER', 'FORBIDDEN'],
    ['a provider', 'PROVIDER', 'FORBIDDEN'],
    ['organiser staff', 'ORGANISER', 'FORBIDDEN'],
    ['a municipal system', 'MUNICIPAL_SYSTEM', 'FORBIDDEN'],
    ['an own worker of another municipality', 'WORKER536', 'NOT_FOUND'],
  ] as Array<[string, string | null, string]>)(
    'refuses %s, changing nothing',
    async (_, role, code) => {
      const worker = staff('WORKER');
      const c = await client({ worker, adviser: null });
      clients.set(c.clientId, { municipalityCode: '837', ownWorkerId: null, adviserId: null });
      const who: Principal | null =
        role === null
          ? null
          : role === 'WORKER536'
            ? staff('WORKER', '536')
            : role === 'CLIENT' || role === 'TEAM_MEMBER'
              ? principal(role, { clientId: c.clientId })
              : role === 'PROVIDER'
                ? principal('PROVIDER', { providerId: providerA })
                : principal(role as 'ORGANISER', {
                    municipalities: ['837'],
                    scopes: ['budgets:read'],
                  });
      await expect(as(who).inbox.syncClientStaff(c.clientId)).rejects.toMatchObject({
        extensions: { code },
      });
      expect(
        await q(`SELECT own_worker_id::text AS w FROM budgets.client_staff WHERE client_id = $1`, [
          c.clientId,
        ]),
      ).toEqual([{ w: worker.sub }]);
    },
  );

  it('answers an unknown client as unknown', async () => {
    await expect(
      as(staff('ADVISER')).inbox.syncClientStaff(crypto.randomUUID()),
    ).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
