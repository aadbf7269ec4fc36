import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { graphql } from 'graphql';
import { validateXML } from 'xmllint-wasm';
import type { Principal } from '@hb/kit';
import { principal, queryDatabase } from '@hb/kit/testing';
import { DEMO_DEBTOR } from '../shared/options';
import { settlementFixture } from '../testing/settlement-fixture';

/**
 * Settlement and payment on a real PostgreSQL. Charges are made the way providers and clients
 * make them (commitment, recordCharge, confirmCharge); the other subgraphs are in-memory
 * implementations of the remote ports, the providers' accounts too. Each test settles its own
 * municipality, so the tests do not see each other's charges.
 */
const PIRKANMAA = ['536', '980', '211', '418', '604', '908', '790', '837'];
const { f, year, today, accounts, provider, budgetWith, chargeOf } = settlementFixture(PIRKANMAA);
const { as, q, rows } = f;
const kipina = provider('Päivätoiminta Kipinä Oy');
const vesipeto = provider('Vesipeto ry', 'FI2112345600000785');
const ohjaus = provider('Ohjaus Oy');
const organiserOf = (m: string) => principal('ORGANISER', { municipalities: [m] });

const run = (municipality: string, who = organiserOf(municipality)) =>
  as(who).settlement.run({ municipalityCode: municipality, from: today, to: today });

const linesOf = (municipality: string) =>
  q<{ transaction_id: string; batch_id: string; amount_cents: string }>(
    `SELECT l.transaction_id, l.batch_id, l.amount_cents FROM budgets.payment_batch_line l
     JOIN budgets.payment_batch b ON b.id = l.batch_id WHERE b.municipality_code = $1`,
    [municipality],
  );

/**
 * The settlement invariants in SQL, after every test: each line is a confirmed charge to the
 * batch's payee for the charge's amount, each batch's total and count are its lines', a charge
 * is in at most one batch, and every batch's charges are on budgets of its municipality.
 */
async function invariantsHold() {
  const broken = await q(`
    SELECT 'line' AS what, l.transaction_id::text AS id
      FROM budgets.payment_batch_line l
      JOIN budgets.payment_batch b ON b.id = l.batch_id
      JOIN budgets.ledger_transaction t ON t.id = l.transaction_id
      JOIN budgets.budget g ON g.id = t.budget_id
     WHERE t.kind <> 'CHARGE' OR t.status <> 'CONFIRMED' OR t.amount_cents <> l.amount_cents
        OR t.provider_id <> b.payee_provider_id OR g.municipality_code <> b.municipality_code
    UNION ALL
    SELECT 'total', b.id::text FROM budgets.payment_batch b
      LEFT JOIN budgets.payment_batch_line l ON l.batch_id = b.id
     GROUP BY b.id HAVING b.total_cents <> coalesce(sum(l.amount_cents), 0)
        OR b.line_count <> count(l.transaction_id)
    UNION ALL
    SELECT 'twice', transaction_id::text FROM budgets.payment_batch_line
     GROUP BY transaction_id HAVING count(*) > 1`);
  expect(broken).toEqual([]);
}

afterEach(invariantsHold);

describe('runSettlement', () => {
  it('takes only confirmed, unsettled charges: one batch per payee with exact sums', async () => {
    const m = '536';
    const one = await budgetWith(m, [kipina, vesipeto]);
    const two = await budgetWith(m, [kipina]);
    const a1 = await chargeOf(one, kipina, '160.00');
    const a2 = await chargeOf(two, kipina, '80.50');
    const b1 = await chargeOf(one, vesipeto, '45.25');
    await chargeOf(one, kipina, '10.00', 'PENDING');
    await chargeOf(one, vesipeto, '20.00', 'REJECT');
    const elsewhere = await budgetWith('980', [kipina]);
    await chargeOf(elsewhere, kipina, '99.00');

    const result = await run(m);
    expect(result.errors).toEqual([]);
    expect(result.chargeCount).toBe(3);
    const byPayee = new Map(result.batches.map((b) => [b.payeeProviderId, b]));
    expect([...byPayee.keys()].sort()).toEqual([kipina, vesipeto].sort());
    expect(byPayee.get(kipina)).toMatchObject({
      municipalityCode: m,
      totalCents: 240_50,
      lineCount: 2,
      status: 'CREATED',
      payeeName: 'Päivätoiminta Kipinä Oy',
      payeeIban: 'FI5542345670000081',
      periodFrom: today,
      periodTo: today,
    });
    expect(byPayee.get(vesipeto)).toMatchObject({ totalCents: 45_25, lineCount: 1 });
    const lines = await linesOf(m);
    expect(lines.map((l) => l.transaction_id).sort()).toEqual([a1, a2, b1].sort());
    const ctx = as(organiserOf(m));
    expect(
      (await ctx.settlement.linesOf(byPayee.get(kipina)!)).map((l) => l.transactionId),
    ).toEqual(expect.arrayContaining([a1, a2]));
    // Settling is a change to the clients' charges: one access-log row per client.
    const logged = await queryDatabase<{ client_id: string }>(
      f.url,
      `SELECT client_id FROM audit.access_log
       WHERE subject = 'Budget.charge.settled' AND action = 'CHANGE' AND actor_role = 'ORGANISER'
         AND client_id = ANY($1::uuid[])`,
      [[one.clientId, two.clientId, elsewhere.clientId]],
    );
    expect(logged.map((r) => r.client_id).sort()).toEqual([one.clientId, two.clientId].sort());
    // The settled charge shows when it was settled; the pending one does not.
    expect((await ctx.settlement.settlementOf(a1))?.settledAt).toBeInstanceOf(Date);
    expect((await ctx.settlement.settlementOf(a1))?.paidAt).toBeNull();
  });

  it('is idempotent: the same period again makes nothing; a newly confirmed charge gets its own batch', async () => {
    const m = '980';
    const b = await budgetWith(m, [kipina, ohjaus]);
    await chargeOf(b, kipina, '100.00');
    await chargeOf(b, ohjaus, '50.00');
    const first = await run(m);
    expect(first.batches).toHaveLength(2);
    const before = await rows();
    const again = await run(m);
    expect(again).toEqual({ batches: [], chargeCount: 0, errors: [] });
    expect(await rows()).toEqual(before);

    const late = await chargeOf(b, kipina, '12.34');
    const third = await run(m);
    expect(third.chargeCount).toBe(1);
    expect(third.batches).toEqual([
      expect.objectContaining({ payeeProviderId: kipina, totalCents: 12_34, lineCount: 1 }),
    ]);
    expect((await linesOf(m)).filter((l) => l.transaction_id === late)).toHaveLength(1);
  });

  it('two (and four) concurrent runs: every confirmed charge in exactly one batch', async () => {
    const m = '211';
    const budgets = await Promise.all(
      [0, 1, 2].map(() => budgetWith(m, [kipina, vesipeto, ohjaus])),
    );
    const charged: string[] = [];
    let cents = 0;
    for (const [i, b] of budgets.entries()) {
      for (const [j, payee] of [kipina, vesipeto, ohjaus].entries()) {
        for (let k = 0; k < 3; k++) {
          const amount = 10_00 + i * 100 + j * 10 + k;
          cents += amount;
          charged.push(await chargeOf(b, payee, (amount / 100).toFixed(2)));
        }
      }
    }
    const results = await Promise.all([run(m), run(m)]);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results.map((r) => r.chargeCount).sort()).toEqual([0, charged.length]);
    const lines = await linesOf(m);
    expect(lines.map((l) => l.transaction_id).sort()).toEqual([...charged].sort());
    expect(lines.reduce((s, l) => s + Number(l.amount_cents), 0)).toBe(cents);
    const batches = await q<{ payee_provider_id: string; total_cents: string }>(
      `SELECT payee_provider_id, total_cents FROM budgets.payment_batch WHERE municipality_code = $1`,
      [m],
    );
    expect(batches.map((b) => b.payee_provider_id).sort()).toEqual(
      [kipina, vesipeto, ohjaus].sort(),
    );

    // More charges, four runs at once.
    const more = [
      await chargeOf(budgets[0]!, kipina, '1.00'),
      await chargeOf(budgets[1]!, ohjaus, '2.00'),
    ];
    const four = await Promise.all([run(m), run(m), run(m), run(m)]);
    expect(four.reduce((s, r) => s + r.chargeCount, 0)).toBe(2);
    const after = await linesOf(m);
    expect(after).toHaveLength(charged.length + 2);
    expect(new Set(after.map((l) => l.transaction_id)).size).toBe(after.length);
    expect(after.map((l) => l.transaction_id)).toEqual(expect.arrayContaining(more));
  });

  it.each([
    ['2026-10-31', '2026-10-01', 'VALIDATION', 'input.to'],
    ['2026-13-01', '2026-10-01', 'VALIDATION', 'input.from'],
    ['2099-01-01', '2099-01-31', 'PERIOD_NOT_STARTED', 'input.from'],
  ])(
    'a bad period %s – %s is a payload error and writes nothing',
    async (from, to, code, field) => {
      const before = await rows();
      const result = await as(organiserOf('837')).settlement.run({
        municipalityCode: '837',
        from,
        to,
      });
      expect(result.errors).toEqual([expect.objectContaining({ code, field })]);
      expect(result.batches).toEqual([]);
      expect(await rows()).toEqual(before);
    },
  );

  it('a period in which nothing was confirmed settles nothing', async () => {
    const m = '418';
    const b = await budgetWith(m, [kipina]);
    await chargeOf(b, kipina, '5.00');
    const result = await as(organiserOf(m)).settlement.run({
      municipalityCode: m,
      from: `${year - 1}-01-01`,
      to: `${year - 1}-12-31`,
    });
    expect(result).toEqual({ batches: [], chargeCount: 0, errors: [] });
    expect(await linesOf(m)).toEqual([]);
  });
});

describe('who may settle', () => {
  const m = '604';
  let batchId: string;
  beforeAll(async () => {
    const b = await budgetWith(m, [kipina]);
    await chargeOf(b, kipina, '70.00');
    const result = await run(m);
    batchId = result.batches[0]!.id;
  });

  const refused: Array<[string, Principal | null]> = [
    ['an HB adviser', principal('ADVISER', { municipalities: [m] })],
    ['an own worker', principal('WORKER', { municipalities: [m] })],
    ['a client', principal('CLIENT', { clientId: crypto.randomUUID() })],
    ['the payee provider', principal('PROVIDER', { providerId: kipina })],
    [
      'a municipal system',
      principal('MUNICIPAL_SYSTEM', {
        municipalities: [m],
        scopes: ['budgets:read', 'reports:read', 'clients:read'],
      }),
    ],
    ['a team member', principal('TEAM_MEMBER', { clientId: crypto.randomUUID() })],
  ];

  it.each(refused)(
    '%s cannot run, list, read, export or pay: FORBIDDEN, nothing changes',
    async (_who, who) => {
      const before = await rows();
      const ctx = as(who);
      for (const attempt of [
        () => ctx.settlement.run({ municipalityCode: m, from: today, to: today }),
        () => ctx.settlement.list({ municipalityCode: m }),
        () => ctx.settlement.export(batchId),
        () => ctx.settlement.markPaid(batchId, null),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      }
      expect(await ctx.settlement.get(batchId)).toBeNull();
      expect(await rows()).toEqual(before);
    },
  );

  it('without a token: UNAUTHENTICATED', async () => {
    await expect(
      as(null).settlement.run({ municipalityCode: m, from: today, to: today }),
    ).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(await as(null).settlement.get(batchId)).toBeNull();
  });

  it('organiser staff of another municipality: refused, and its batch looks like a random id', async () => {
    const before = await rows();
    const other = as(organiserOf('837'));
    await expect(
      other.settlement.run({ municipalityCode: m, from: today, to: today }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(other.settlement.list({ municipalityCode: m })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await other.settlement.get(batchId)).toBeNull();
    const random = crypto.randomUUID();
    expect(await other.settlement.export(batchId)).toEqual(await other.settlement.export(random));
    expect(await other.settlement.markPaid(batchId, null)).toEqual(
      await other.settlement.markPaid(random, null),
    );
    expect((await other.settlement.export(batchId)).errors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);
    expect(await rows()).toEqual(before);
  });

  it('_entities on PaymentBatch answers null to everyone but organiser staff of the municipality', async () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on PaymentBatch { id total { amount } } } }`;
    const ask = (who: Principal | null) =>
      graphql({
        schema: f.schema,
        source: entities,
        variableValues: { r: [{ __typename: 'PaymentBatch', id: batchId }] },
        contextValue: as(who),
      });
    for (const [, who] of [
      ...refused,
      ['other organiser', organiserOf('837')] as const,
      ['nobody', null] as const,
    ]) {
      const result = await ask(who);
      expect(result.data?._entities).toEqual([null]);
    }
    expect((await ask(organiserOf(m))).data?._entities).toEqual([
      { id: batchId, total: { amount: '70.00' } },
    ]);
  });
});

const XSD = path.resolve(__dirname, '../../../../../shared/standards/pain.001.001.03.xsd');
const tag = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((x) => x[1]);

describe('exporting and paying a batch', () => {
  it('pain.001 for the bank (valid against the XSD), the same payment again, then paid', async () => {
    const m = '908';
    const b = await budgetWith(m, [kipina]);
    const c1 = await chargeOf(b, kipina, '160.00');
    await chargeOf(b, kipina, '0.05');
    const [batch] = (await run(m)).batches;
    const ctx = as(organiserOf(m));
    expect(codes(await ctx.settlement.markPaid(batch!.id, null))).toEqual(['NOT_EXPORTED']);

    const first = await ctx.settlement.export(batch!.id);
    expect(first.errors).toEqual([]);
    expect(first.batch).toMatchObject({ status: 'EXPORTED', exportCount: 1 });
    const xml = first.content!;
    const check = await validateXML({
      xml: [{ fileName: 'batch.xml', contents: xml }],
      schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
    });
    expect(check.errors).toEqual([]);
    const reference = ctx.settlement.reference(first.batch!);
    expect(first.fileName).toBe(`${reference}.pain001.xml`);
    expect(tag(xml, 'MsgId')).toEqual([reference]);
    expect(tag(xml, 'CtrlSum')).toEqual(['160.05', '160.05']);
    expect(tag(xml, 'IBAN')).toEqual([DEMO_DEBTOR.iban, 'FI5542345670000081']);
    expect(tag(xml, 'Nm')).toEqual([DEMO_DEBTOR.name, DEMO_DEBTOR.name, 'Päivätoiminta Kipinä Oy']);

    const again = await ctx.settlement.export(batch!.id);
    expect(again.batch).toMatchObject({ status: 'EXPORTED', exportCount: 2 });
    expect(again.content).toBe(xml);

    const paid = await ctx.settlement.markPaid(batch!.id, today);
    expect(paid.errors).toEqual([]);
    expect(paid.batch).toMatchObject({ status: 'PAID', paidOn: today });
    expect((await as(organiserOf(m)).settlement.settlementOf(c1))?.paidAt).toBeInstanceOf(Date);
    const before = await rows();
    expect(codes(await ctx.settlement.export(batch!.id))).toEqual(['ALREADY_PAID']);
    expect(codes(await ctx.settlement.markPaid(batch!.id, null))).toEqual(['ALREADY_PAID']);
    expect(await rows()).toEqual(before);

    const csv = await ctx.settlement.financeCsv(paid.batch!);
    expect(csv.startsWith('\uFEFFMaksuerä;')).toBe(true);
    expect(csv).toContain(`;${c1};DAY_ACTIVITIES;`);
    expect(csv.split('\r\n').at(-2)).toMatch(/;Yhteensä;;;;160,05$/);
  });

  it('a payee without a bank account cannot be exported until it registers one', async () => {
    const m = '790';
    const noAccount = provider('Tiliton Oy', null);
    const b = await budgetWith(m, [noAccount]);
    await chargeOf(b, noAccount, '30.00');
    const [batch] = (await run(m)).batches;
    expect(batch!.payeeIban).toBeNull();
    const ctx = as(organiserOf(m));
    const before = await rows();
    const refused = await ctx.settlement.export(batch!.id);
    expect(refused).toMatchObject({ batch: null, content: null });
    expect(codes(refused)).toEqual(['MISSING_BANK_ACCOUNT']);
    expect(await rows()).toEqual(before);
    expect((await as(organiserOf(m)).settlement.get(batch!.id))?.status).toBe('CREATED');

    accounts.set(noAccount, { ...accounts.get(noAccount)!, iban: 'FI2112345600000785' });
    const exported = await as(organiserOf(m)).settlement.export(batch!.id);
    expect(exported.errors).toEqual([]);
    expect(exported.batch).toMatchObject({ payeeIban: 'FI2112345600000785', status: 'EXPORTED' });
  });

  it('paidOn in the future or before the export is refused', async () => {
    const m = '837';
    const b = await budgetWith(m, [ohjaus]);
    await chargeOf(b, ohjaus, '1.00');
    const [batch] = (await run(m)).batches;
    const ctx = as(organiserOf(m));
    await ctx.settlement.export(batch!.id);
    expect(codes(await ctx.settlement.markPaid(batch!.id, '2999-01-01'))).toEqual(['VALIDATION']);
    expect(codes(await ctx.settlement.markPaid(batch!.id, '2001-01-01'))).toEqual(['VALIDATION']);
    expect((await as(organiserOf(m)).settlement.get(batch!.id))?.status).toBe('EXPORTED');
  });
});

describe('through the schema', () => {
  it('paymentBatches with lines, total, reference and the finance CSV; charges show settledAt', async () => {
    const m = '980';
    const result = await graphql({
      schema: f.schema,
      source: `query($m: ID!) { paymentBatches(municipalityCode: $m, first: 10) {
        totalCount edges { node { id reference status total { amount } payee { id }
          lines { chargeId amount { amount } serviceType { code } } financeCsv } } } }`,
      variableValues: { m },
      contextValue: as(organiserOf(m)),
    });
    expect(result.errors).toBeUndefined();
    const page = result.data!.paymentBatches as {
      totalCount: number;
      edges: Array<{
        node: { reference: string; lines: Array<{ chargeId: string }>; financeCsv: string };
      }>;
    };
    expect(page.totalCount).toBe(3);
    for (const { node } of page.edges) {
      expect(node.reference).toMatch(/^HB-980-\d{6}$/);
      expect(node.financeCsv.split('\r\n')).toHaveLength(node.lines.length + 3);
    }
  });
});

describe('the database guards', () => {
  it('a charge cannot be settled twice, a line is immutable, a batch cannot be deleted', async () => {
    const m = '536';
    const [line] = await linesOf(m);
    await expect(
      q(
        `INSERT INTO budgets.payment_batch_line (transaction_id, batch_id, amount_cents, service_date, service_type, confirmed_at)
         SELECT transaction_id, batch_id, amount_cents, service_date, service_type, confirmed_at
         FROM budgets.payment_batch_line WHERE transaction_id = $1`,
        [line!.transaction_id],
      ),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      q(`UPDATE budgets.payment_batch_line SET amount_cents = 1 WHERE transaction_id = $1`, [
        line!.transaction_id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      q(`DELETE FROM budgets.payment_batch WHERE id = $1`, [line!.batch_id]),
    ).rejects.toThrow(/cannot be deleted/);
    await expect(
      q(`UPDATE budgets.payment_batch SET total_cents = total_cents + 1 WHERE id = $1`, [
        line!.batch_id,
      ]),
    ).rejects.toThrow(/only CREATED/);
  });

  it('only a confirmed charge to the payee, for its amount, can be a line', async () => {
    const m = '418';
    const b = await budgetWith(m, [vesipeto]);
    const pendingCharge = await chargeOf(b, vesipeto, '9.00', 'PENDING');
    const [batch] = await q<{ id: string }>(
      `SELECT id FROM budgets.payment_batch WHERE payee_provider_id = $1 LIMIT 1`,
      [vesipeto],
    );
    await expect(
      f.database.dataSource.transaction(async (t) => {
        await t.query(
          `INSERT INTO budgets.payment_batch_line (transaction_id, batch_id, amount_cents, service_date, service_type, confirmed_at)
           VALUES ($1, $2, 900, current_date, 'DAY_ACTIVITIES', now())`,
          [pendingCharge, batch!.id],
        );
      }),
    ).rejects.toThrow(/confirmed charge/);
  });
});

function codes(r: { errors: Array<{ code: string }> }) {
  return r.errors.map((e) => e.code);
}
