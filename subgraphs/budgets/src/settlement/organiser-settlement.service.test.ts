import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { graphql, type GraphQLSchema } from 'graphql';
import { validateXML } from 'xmllint-wasm';
import { municipalityCodesOf, todayInFinland, type Database, type Principal } from '@hb/kit';
import {
  countRows,
  createTestDatabase,
  openTestDatabase,
  principal,
  requestContext,
  type TestDatabase,
} from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import { DEMO_DEBTOR } from '../shared/options';
import type { BudgetsContext } from '../shared/context.types';
import { budgetsDatabase } from '../entities';
import { buildBudgetsSchema } from '../schema';
import { seedCatalog } from '../seed/demo.seed';
import type { ProviderFacts, RemoteServices } from '../remote/remote-services';
import type { PayeeDirectory } from './payee-directory';
import type { PayeeSnapshot } from './settlement.store';

/**
 * Settlement of a whole organiser (issue 18 item 3) on a real PostgreSQL, in a database of its
 * own: an organiser's run takes the charges of all its municipalities, so it would take those
 * of settlement.service.test.ts's municipalities too. Charges are made the way providers and
 * clients make them; the other subgraphs are in-memory implementations of the remote ports.
 */
const clients = new Map<string, string>();
const providers = new Map<string, ProviderFacts>();
const accounts = new Map<string, PayeeSnapshot>();
const remote: RemoteServices = {
  clients: {
    client: async (_ctx, id) =>
      clients.has(id) ? { id, municipalityCode: clients.get(id)!, firstName: 'Essi' } : null,
  },
  providers: { provider: async (_ctx, id) => providers.get(id) ?? null },
  consents: { myConsentScopes: async () => [] },
  plans: { plan: async () => null },
};
const payees: PayeeDirectory = {
  accounts: async (ctx, ids) => {
    const found = new Map<string, PayeeSnapshot>();
    for (const id of ids) {
      const served = providers.get(id)?.municipalitiesServed ?? [];
      const mayRead =
        ctx.principal?.role === 'ORGANISER' &&
        served.some((m) => ctx.principal!.municipalities.includes(m));
      const account = accounts.get(id);
      if (account) found.set(id, mayRead ? account : { ...account, iban: null, bic: null });
    }
    return found;
  },
};

const TAMPERE = '837';
const NOKIA = '536';
function provider(name: string) {
  const id = crypto.randomUUID();
  providers.set(id, {
    id,
    kind: 'COMPANY',
    approvalStatus: 'APPROVED',
    municipalitiesServed: [TAMPERE, NOKIA],
    offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
  });
  accounts.set(id, {
    name,
    businessId: '1234567-1',
    iban: 'FI5542345670000081',
    bic: 'OKOYFIHH',
  });
  return id;
}

let testDb: TestDatabase;
let database: Database;
let schema: GraphQLSchema;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openTestDatabase(testDb.url, budgetsDatabase, testDb.embedded);
  await seedCatalog(database.dataSource);
  schema = await buildBudgetsSchema();
}, 120_000);

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

const year = new Date().getFullYear();
const today = todayInFinland();
const organiser = (id: string) =>
  principal('ORGANISER', { organiserId: id, municipalities: municipalityCodesOf(id) });
const pirkanmaa = organiser('pirkanmaa');
const worker = principal('WORKER', { municipalities: [TAMPERE, NOKIA] });

function as(who: Principal | null): BudgetsContext {
  return extendContext(createStores(database.dataSource), { remote, payees })(
    requestContext(database.dataSource, who, 'budgets'),
  );
}

const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  database.dataSource.query(sql, params) as Promise<T[]>;
const rows = () => countRows(testDb.url, ['budgets', 'audit']);

async function budgetWith(municipality: string, payeeIds: string[]) {
  const clientId = crypto.randomUUID();
  clients.set(clientId, municipality);
  const [cls] = await q<{ id: string }>(
    `SELECT id FROM budgets.hb_class WHERE service_type = 'DAY_ACTIVITIES' AND municipality_code = $1 AND level IS NULL`,
    [municipality],
  );
  const decided = await as(worker).budgets.decide(
    {
      clientId,
      year,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: cls!.id,
      unitPrice: '10000.00',
      paymentIntervalMonths: 12,
      instrument: 'VOUCHER',
    },
    as(worker).catalog,
  );
  expect(decided.errors).toEqual([]);
  const commitments = new Map<string, string>();
  for (const payee of payeeIds) {
    const c = await as(worker).commitments.issue({
      budgetId: decided.budget!.id,
      providerId: payee,
      amount: '3000.00',
      reason: 'Toteutussuunnitelman mukaan',
    });
    expect(c.errors).toEqual([]);
    commitments.set(payee, c.commitment!.id);
  }
  return { clientId, commitments };
}

async function confirmedCharge(
  b: Awaited<ReturnType<typeof budgetWith>>,
  payee: string,
  amount: string,
) {
  const recorded = await as(principal('PROVIDER', { providerId: payee })).ledger.recordCharge({
    commitmentId: b.commitments.get(payee)!,
    amount,
    serviceDate: today < `${year}-01-15` ? today : `${year}-01-15`,
    description: 'Ohjaus',
    idempotencyKey: crypto.randomUUID(),
  });
  expect(recorded.errors).toEqual([]);
  const id = recorded.transaction!.id;
  expect(
    (await as(principal('CLIENT', { clientId: b.clientId })).ledger.confirm(id)).errors,
  ).toEqual([]);
  return id;
}

/** Charge ids in batches, with the batch's scope, each charge once at most (the PK). */
const settled = () =>
  q<{ transaction_id: string; municipality_code: string | null; organiser_id: string | null }>(
    `SELECT l.transaction_id, b.municipality_code, b.organiser_id
     FROM budgets.payment_batch_line l JOIN budgets.payment_batch b ON b.id = l.batch_id`,
  );

const runOrganiser = (who: Principal, organiserId = 'pirkanmaa') =>
  as(who).settlement.run({ organiserId, from: today, to: today });

describe('settling a whole organiser', () => {
  it('one batch per payee for the organiser, with every charge of Tampere and Nokia', async () => {
    const kipina = provider('Päivätoiminta Kipinä Oy');
    const vesipeto = provider('Vesipeto ry');
    const tampere = await budgetWith(TAMPERE, [kipina, vesipeto]);
    const nokia = await budgetWith(NOKIA, [kipina]);
    const kipinaCharges = [
      await confirmedCharge(tampere, kipina, '100.00'),
      await confirmedCharge(nokia, kipina, '50.25'),
      await confirmedCharge(nokia, kipina, '0.05'),
    ];
    const vesipetoCharge = await confirmedCharge(tampere, vesipeto, '20.00');

    const result = await runOrganiser(pirkanmaa);
    expect(result.errors).toEqual([]);
    expect(result.chargeCount).toBe(4);
    expect(result.batches).toHaveLength(2);
    for (const b of result.batches) {
      expect(b).toMatchObject({ organiserId: 'pirkanmaa', municipalityCode: null });
    }
    const ctx = as(pirkanmaa);
    const kipinaBatch = result.batches.find((b) => b.payeeProviderId === kipina)!;
    expect(kipinaBatch.totalCents).toBe(150_30);
    expect((await ctx.settlement.linesOf(kipinaBatch)).map((l) => l.transactionId).sort()).toEqual(
      [...kipinaCharges].sort(),
    );
    expect(
      (
        await ctx.settlement.linesOf(result.batches.find((b) => b.payeeProviderId === vesipeto)!)
      ).map((l) => l.transactionId),
    ).toEqual([vesipetoCharge]);
    expect(ctx.settlement.reference(kipinaBatch)).toMatch(/^HB-pirkanmaa-\d{6}$/);

    // Again: nothing is left, nothing new; Tampere's own run finds nothing either.
    expect(await runOrganiser(pirkanmaa)).toEqual({ batches: [], chargeCount: 0, errors: [] });
    expect(
      (await as(pirkanmaa).settlement.run({ municipalityCode: TAMPERE, from: today, to: today }))
        .chargeCount,
    ).toBe(0);

    // Listed under the organiser (newest first), not under a municipality.
    const listed = await ctx.settlement.list({ organiserId: 'pirkanmaa' });
    expect(listed.edges.map((e) => e.node.id).sort()).toEqual(
      result.batches.map((b) => b.id).sort(),
    );
    expect((await ctx.settlement.list({ municipalityCode: TAMPERE })).totalCount).toBe(0);
  });

  it('exactly once with municipalities’ runs at the same time: the same locks', async () => {
    const kipina = provider('Kipinä');
    const tampere = await budgetWith(TAMPERE, [kipina]);
    const nokia = await budgetWith(NOKIA, [kipina]);
    for (let round = 0; round < 3; round++) {
      const charged: string[] = [];
      for (let k = 0; k < 3; k++) {
        charged.push(await confirmedCharge(tampere, kipina, `${10 + k}.0${round}`));
        charged.push(await confirmedCharge(nokia, kipina, `${20 + k}.0${round}`));
      }
      const results = await Promise.all([
        as(pirkanmaa).settlement.run({ municipalityCode: TAMPERE, from: today, to: today }),
        runOrganiser(pirkanmaa),
        as(pirkanmaa).settlement.run({ municipalityCode: NOKIA, from: today, to: today }),
        runOrganiser(pirkanmaa),
      ]);
      expect(results.flatMap((r) => r.errors)).toEqual([]);
      expect(results.reduce((n, r) => n + r.chargeCount, 0)).toBe(charged.length);
      const all = await settled();
      expect(new Set(all.map((s) => s.transaction_id)).size).toBe(all.length);
      expect(all.map((s) => s.transaction_id)).toEqual(expect.arrayContaining(charged));
    }
  });

  it('gives exactly one of municipalityCode and organiserId', async () => {
    const before = await rows();
    const ctx = as(pirkanmaa);
    for (const input of [
      { from: today, to: today },
      { municipalityCode: TAMPERE, organiserId: 'pirkanmaa', from: today, to: today },
    ]) {
      expect((await ctx.settlement.run(input)).errors).toEqual([
        expect.objectContaining({ code: 'VALIDATION', field: 'input.organiserId' }),
      ]);
    }
    await expect(ctx.settlement.list({})).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(
      ctx.settlement.list({ municipalityCode: TAMPERE, organiserId: 'pirkanmaa' }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await rows()).toEqual(before);
  });
});

describe('who may settle a whole organiser', () => {
  let batchId: string;
  beforeAll(async () => {
    const kipina = provider('Kipinä');
    await confirmedCharge(await budgetWith(NOKIA, [kipina]), kipina, '70.00');
    batchId = (await runOrganiser(pirkanmaa)).batches[0]!.id;
  });

  const refused: Array<[string, Principal]> = [
    ['staff of another organiser', organiser('kanta-hame')],
    ['Tampere-only organiser staff', principal('ORGANISER', { municipalities: [TAMPERE] })],
    ['an HB adviser', principal('ADVISER', { municipalities: municipalityCodesOf('pirkanmaa') })],
    ['an own worker', principal('WORKER', { municipalities: municipalityCodesOf('pirkanmaa') })],
    ['a provider', principal('PROVIDER', { providerId: crypto.randomUUID() })],
    ['a client', principal('CLIENT', { clientId: crypto.randomUUID() })],
    [
      'a municipal system of the organiser',
      principal('MUNICIPAL_SYSTEM', {
        organiserId: 'pirkanmaa',
        municipalities: municipalityCodesOf('pirkanmaa'),
        scopes: ['budgets:read', 'reports:read'],
      }),
    ],
  ];

  it.each(refused)(
    '%s: run and list refused as for an unknown organiser, the batch as an unknown id',
    async (_who, who) => {
      const before = await rows();
      const ctx = as(who);
      const answer = async (f: () => Promise<unknown>) => {
        try {
          await f();
          return 'answered';
        } catch (err) {
          return (err as { extensions?: { code?: string } }).extensions?.code;
        }
      };
      for (const organiserId of ['pirkanmaa', 'no-such-organiser']) {
        expect(await answer(() => runOrganiser(who, organiserId))).toBe('FORBIDDEN');
        expect(await answer(() => ctx.settlement.list({ organiserId }))).toBe('FORBIDDEN');
      }
      expect(await ctx.settlement.get(batchId)).toBeNull();
      const random = crypto.randomUUID();
      if (who.role === 'ORGANISER') {
        expect(await ctx.settlement.export(batchId)).toEqual(await ctx.settlement.export(random));
        expect(await ctx.settlement.markPaid(batchId, null)).toEqual(
          await ctx.settlement.markPaid(random, null),
        );
      }
      const entities = await graphql({
        schema,
        source: `query($r: [_Any!]!) { _entities(representations: $r) { ... on PaymentBatch { id } } }`,
        variableValues: { r: [{ __typename: 'PaymentBatch', id: batchId }] },
        contextValue: ctx,
      });
      expect(entities.data?._entities).toEqual([null]);
      expect(await rows()).toEqual(before);
    },
  );
});

const XSD = path.resolve(__dirname, '../../../../../shared/standards/pain.001.001.03.xsd');
const tag = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((x) => x[1]);

describe("an organiser's batch to the bank", () => {
  it('pain.001 valid against the XSD, debited from the organiser’s account; the finance CSV', async () => {
    const kipina = provider('Päivätoiminta Kipinä Oy');
    const c1 = await confirmedCharge(await budgetWith(TAMPERE, [kipina]), kipina, '160.00');
    const c2 = await confirmedCharge(await budgetWith(NOKIA, [kipina]), kipina, '0.05');
    const [batch] = (await runOrganiser(pirkanmaa)).batches.filter(
      (b) => b.payeeProviderId === kipina,
    );
    const ctx = as(pirkanmaa);
    const exported = await ctx.settlement.export(batch!.id);
    expect(exported.errors).toEqual([]);
    const xml = exported.content!;
    const check = await validateXML({
      xml: [{ fileName: 'batch.xml', contents: xml }],
      schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
    });
    expect(check.errors).toEqual([]);
    expect(tag(xml, 'MsgId')).toEqual([ctx.settlement.reference(exported.batch!)]);
    expect(tag(xml, 'CtrlSum')).toEqual(['160.05', '160.05']);
    expect(tag(xml, 'IBAN')).toEqual([DEMO_DEBTOR.iban, 'FI5542345670000081']);
    const csv = await ctx.settlement.financeCsv(exported.batch!);
    expect(csv).toContain(`;${c1};DAY_ACTIVITIES;`);
    expect(csv).toContain(`;${c2};DAY_ACTIVITIES;`);
    expect(csv.split('\r\n')[1]).toContain(';pirkanmaa;');
  });
});

describe('the database', () => {
  it('a batch has exactly one of municipality and organiser, fixed once made', async () => {
    const [batch] = await q<{ id: string }>(
      `SELECT id FROM budgets.payment_batch WHERE organiser_id IS NOT NULL LIMIT 1`,
    );
    await expect(
      q(`UPDATE budgets.payment_batch SET organiser_id = 'kanta-hame' WHERE id = $1`, [batch!.id]),
    ).rejects.toThrow(/scope/);
    await expect(
      q(`UPDATE budgets.payment_batch SET municipality_code = '837' WHERE id = $1`, [batch!.id]),
    ).rejects.toThrow(/payment_batch_one_scope|scope/);
  });
});
