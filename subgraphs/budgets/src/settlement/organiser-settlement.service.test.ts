import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { graphql } from 'graphql';
import { validateXML } from 'xmllint-wasm';
import { municipalityCodesOf, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { DEMO_DEBTOR } from '../shared/options';
import { settlementFixture } from '../testing/settlement-fixture';

/**
 * Settlement of a whole organiser (issue 18 item 3) on a real PostgreSQL, in a database of its
 * own: an organiser's run takes the charges of all its municipalities, so it would take those
 * of settlement.service.test.ts's municipalities too. Charges are made the way providers and
 * clients make them; the other subgraphs are in-memory implementations of the remote ports.
 */
const TAMPERE = '837';
const NOKIA = '536';
const { f, today, provider, budgetWith, chargeOf } = settlementFixture([TAMPERE, NOKIA]);
const { as, q, rows } = f;
const organiser = (id: string) =>
  principal('ORGANISER', { organiserId: id, municipalities: municipalityCodesOf(id) });
const pirkanmaa = organiser('pirkanmaa');

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
      await chargeOf(tampere, kipina, '100.00'),
      await chargeOf(nokia, kipina, '50.25'),
      await chargeOf(nokia, kipina, '0.05'),
    ];
    const vesipetoCharge = await chargeOf(tampere, vesipeto, '20.00');

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
        charged.push(await chargeOf(tampere, kipina, `${10 + k}.0${round}`));
        charged.push(await chargeOf(nokia, kipina, `${20 + k}.0${round}`));
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
    await chargeOf(await budgetWith(NOKIA, [kipina]), kipina, '70.00');
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
        schema: f.schema,
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
    const c1 = await chargeOf(await budgetWith(TAMPERE, [kipina]), kipina, '160.00');
    const c2 = await chargeOf(await budgetWith(NOKIA, [kipina]), kipina, '0.05');
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
