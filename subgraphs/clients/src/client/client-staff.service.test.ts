import crypto from 'node:crypto';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { clientsFixture } from '../testing/clients-fixture';

const f = clientsFixture();
const { as } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
const worker = principal('WORKER', { sub: DEMO.workerId, municipalities: ['837'] });

async function newClient() {
  const r = await as(adviser).clients.create({
    firstName: 'Vaihe',
    lastName: `Test${crypto.randomBytes(4).toString('hex')}`,
    municipalityCode: '837',
  });
  expect(r.errors).toEqual([]);
  return r.client!;
}

const row = async (id: string) =>
  (
    (await f.database.dataSource.query(
      `SELECT own_worker_id AS "ownWorkerId", adviser_id AS "adviserId", process_phase AS phase FROM clients.client WHERE id = $1`,
      [id],
    )) as Array<{ ownWorkerId: string | null; adviserId: string | null; phase: string }>
  )[0]!;

describe('the process phase with its history', () => {
  it('records the first phase and every move with who moved it, newest first', async () => {
    const client = await newClient();
    await as(worker).clients.setProcessPhase(client.id, 'ASSESSMENT');
    await as(adviser).clients.setProcessPhase(client.id, 'PLANNING');
    const history = await as(adviser).clients.phaseHistory(client);
    expect(history.map((h) => [h.fromPhase, h.toPhase, h.actorRole])).toEqual([
      ['ASSESSMENT', 'PLANNING', 'ADVISER'],
      ['NEEDS_IDENTIFIED', 'ASSESSMENT', 'WORKER'],
      [null, 'NEEDS_IDENTIFIED', 'ADVISER'],
    ]);
    expect(history[1]!.actorName).toEqual(expect.any(String));
    expect(history[0]!.at).toBeInstanceOf(Date);
  });

  it.each<[string, (clientId: string) => Principal]>([
    ['the client herself', (clientId) => principal('CLIENT', { clientId })],
    ['her team member', (clientId) => principal('TEAM_MEMBER', { clientId })],
    ['a provider', () => principal('PROVIDER', { providerId: DEMO.providerId })],
    ['organiser staff', () => principal('ORGANISER', { municipalities: ['837'] })],
    [
      'a municipal system',
      () => principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }),
    ],
    ['staff of another municipality', () => principal('WORKER', { municipalities: ['536'] })],
  ])('%s does not read it', async (_n, who) => {
    const client = await newClient();
    await expect(as(who(client.id)).clients.phaseHistory(client)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('assignClientStaff', () => {
  it('reassigns the own worker and the adviser, and refuses someone in the wrong role', async () => {
    const client = await newClient();
    const r = await as(adviser).clients.assignStaff(client.id, {
      ownWorkerId: DEMO.workerId,
      adviserId: DEMO.adviserId,
    });
    expect(r.errors).toEqual([]);
    expect(await row(client.id)).toMatchObject({
      ownWorkerId: DEMO.workerId,
      adviserId: DEMO.adviserId,
    });
    const wrong = await as(adviser).clients.assignStaff(client.id, {
      ownWorkerId: DEMO.adviserId,
      adviserId: crypto.randomUUID(),
    });
    expect(wrong.errors.map((e) => e.field)).toEqual(['ownWorkerId', 'adviserId']);
    expect(await row(client.id)).toMatchObject({
      ownWorkerId: DEMO.workerId,
      adviserId: DEMO.adviserId,
    });
    const staff = await as(worker).clients.staffMembers();
    expect(staff.map((s) => s.id)).toEqual(expect.arrayContaining([DEMO.workerId, DEMO.adviserId]));
  });

  it.each<[string, (clientId: string) => Principal]>([
    ['the client herself', (clientId) => principal('CLIENT', { clientId })],
    ['her team member', (clientId) => principal('TEAM_MEMBER', { clientId })],
    ['a provider', () => principal('PROVIDER', { providerId: DEMO.providerId })],
    ['organiser staff', () => principal('ORGANISER', { municipalities: ['837'] })],
    [
      'a municipal system',
      () => principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['clients:read'] }),
    ],
    ['staff of another municipality', () => principal('WORKER', { municipalities: ['536'] })],
  ])('%s may not reassign, and nothing changes', async (_n, who) => {
    const client = await newClient();
    const before = await row(client.id);
    await expect(
      as(who(client.id)).clients.assignStaff(client.id, { ownWorkerId: DEMO.workerId }),
    ).rejects.toMatchObject({
      extensions: { code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) },
    });
    expect(await row(client.id)).toEqual(before);
    if (!['ADVISER', 'WORKER'].includes(who(client.id).role))
      await expect(as(who(client.id)).clients.staffMembers()).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
  });
});
