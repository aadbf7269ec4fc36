import crypto from 'node:crypto';
import { DEMO, createLogger, type Database, type Principal } from '@hb/kit';
import {
  createTestDatabase,
  openTestDatabase,
  principal,
  requestContext,
  type TestDatabase,
} from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import type { ClientsContext } from '../shared/context.types';
import { clientsDatabase } from '../entities';
import { seedClientsDemo } from '../seed/demo.seed';

let testDb: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openTestDatabase(testDb.url, clientsDatabase, testDb.embedded);
  await seedClientsDemo(database.dataSource, createLogger('test', 'silent'));
}, 60_000);

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
const worker = principal('WORKER', { sub: DEMO.workerId, municipalities: ['837'] });

function as(who: Principal | null): ClientsContext {
  return extendContext(createStores(database.dataSource))(
    requestContext(database.dataSource, who, 'clients'),
  );
}

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
    (await database.dataSource.query(
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
