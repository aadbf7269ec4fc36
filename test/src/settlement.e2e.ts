import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { DEMO } from '@hb/kit';
import {
  createClient,
  decideBudget,
  issueCommitment,
  moreTokens,
  must as mustOn,
  recordCharge,
  tokens,
  usePlatform,
} from './testkit';

/**
 * Settlement and payment end to end, in Ylöjärvi (980): providers' charges confirmed by the
 * client, a settlement run by organiser staff, the batch's bank file (pain.001, validated
 * against the ISO 20022 schema) and finance CSV downloaded from the gateway, the batch paid,
 * and the charges showing it — with every other role refused and nothing revealed.
 */
const platform = usePlatform();
const M = '980';
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
const XSD = path.resolve(__dirname, '../../../shared/standards/pain.001.001.03.xsd');

/** testkit's must on this file's platform. */
const must = <T>(field: string, query: string, variables: Record<string, unknown>, token: string) =>
  mustOn<T>(platform, field, query, variables, token);

const RUN = `mutation($i: RunSettlementInput!) { runSettlement(input: $i) {
  chargeCount errors { code field }
  batches { id reference status total { amount } payeeIban payee { id name } lines { chargeId amount { amount } } }
} }`;

type Batch = {
  id: string;
  reference: string;
  status: string;
  total: { amount: string };
  payeeIban: string | null;
  payee: { id: string; name: string };
  lines: Array<{ chargeId: string; amount: { amount: string } }>;
};

let batches: Batch[];
let charges: Record<string, string[]>;
let clientId: string;
let otherProvider: string;

const base = () => platform.gatewayUrl.replace(/\/graphql$/, '');
const download = (batchId: string, file: string, token: string | null, method = 'GET') =>
  fetch(`${base()}/settlements/${batchId}/${file}`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

beforeAll(async () => {
  const t = tokens(platform);
  const worker = await t.worker(M);
  const found = await platform.gql<{ providers: { edges: Array<{ node: { id: string } }> } }>(
    `{ providers(first: 20, search: { serviceType: "DAY_ACTIVITIES", municipalityCode: "${M}" }) { edges { node { id } } } }`,
  );
  otherProvider = found
    .data!.providers.edges.map((e) => e.node.id)
    .find((id) => id !== DEMO.providerId)!;
  clientId = (
    await createClient(platform, await t.adviser(), { municipalityCode: M, firstName: 'Sanni' })
  ).id;
  const budget = await decideBudget(platform, worker, clientId, { municipalityCode: M });
  charges = { [DEMO.providerId]: [], [otherProvider]: [] };
  for (const [provider, amount] of [
    [DEMO.providerId, '1000.00'],
    [otherProvider, '500.00'],
  ] as const) {
    const commitment = await issueCommitment(platform, worker, {
      budgetId: budget.id,
      providerId: provider,
      amount,
    });
    for (const cents of provider === DEMO.providerId ? ['160.00', '80.05'] : ['45.50']) {
      const charge = await recordCharge(platform, await t.provider(provider), {
        budgetId: budget.id,
        providerId: provider,
        commitmentId: commitment.id,
        amount: cents,
        serviceDate: today,
      });
      await must(
        'confirmCharge',
        `mutation($id: ID!) { confirmCharge(transactionId: $id) { errors { code } } }`,
        { id: charge.id },
        await t.client(clientId),
      );
      charges[provider]!.push(charge.id);
    }
  }
  // A pending charge stays out of the settlement.
  const commitmentLeft = await issueCommitment(platform, worker, {
    budgetId: budget.id,
    providerId: DEMO.providerId,
    amount: '10.00',
  });
  await recordCharge(platform, await t.provider(DEMO.providerId), {
    budgetId: budget.id,
    providerId: DEMO.providerId,
    commitmentId: commitmentLeft.id,
    amount: '10.00',
    serviceDate: today,
  });

  const run = await must<{ chargeCount: number; batches: Batch[] }>(
    'runSettlement',
    RUN,
    { i: { municipalityCode: M, from: today, to: today } },
    await t.organiser(M),
  );
  batches = run.batches;
}, 180_000);

describe('settlement through the gateway', () => {
  it('one batch per payee with the confirmed charges, names and IBANs from the providers subgraph', async () => {
    expect(batches).toHaveLength(2);
    const demo = batches.find((b) => b.payee.id === DEMO.providerId)!;
    expect(demo).toMatchObject({
      status: 'CREATED',
      total: { amount: '240.05' },
      payee: { name: 'Ohjauspalvelu Kipinä Oy' },
    });
    expect(demo.payeeIban).toMatch(/^FI\d{16}$/);
    expect(demo.lines.map((l) => l.chargeId).sort()).toEqual([...charges[DEMO.providerId]!].sort());
    const other = batches.find((b) => b.payee.id === otherProvider)!;
    expect(other.total.amount).toBe('45.50');
  });

  it('running the same period again makes nothing', async () => {
    const again = await must<{ chargeCount: number; batches: Batch[] }>(
      'runSettlement',
      RUN,
      { i: { municipalityCode: M, from: today, to: today } },
      await tokens(platform).organiser(M),
    );
    expect(again).toMatchObject({ chargeCount: 0, batches: [] });
  });

  it('the bank file downloads as pain.001 valid against the ISO 20022 schema; the finance CSV too', async () => {
    const organiser = await tokens(platform).organiser(M);
    const batch = batches.find((b) => b.payee.id === DEMO.providerId)!;
    const res = await download(batch.id, 'pain001.xml', organiser);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${batch.reference}.pain001.xml"`,
    );
    const xml = await res.text();
    const check = await validateXML({
      xml: [{ fileName: 'batch.xml', contents: xml }],
      schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
    });
    expect(check.errors).toEqual([]);
    expect(xml).toContain(`<MsgId>${batch.reference}</MsgId>`);
    expect(xml).toContain(`<IBAN>${batch.payeeIban}</IBAN>`);
    expect(xml).toContain('<InstdAmt Ccy="EUR">240.05</InstdAmt>');
    expect(xml).not.toContain('Sanni');
    // The same payment again: same message id, so the bank cannot pay it twice.
    const again = await (await download(batch.id, 'pain001.xml', organiser)).text();
    expect(again).toBe(xml);

    const csv = await download(batch.id, 'batch.csv', organiser);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // fetch's text() drops a byte order mark, so look at the bytes.
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const rows = text.split('\r\n');
    expect(rows[0]).toMatch(/^Maksuerä;Kunta;/);
    expect(rows).toHaveLength(2 + 2 + 1);
    expect(rows[3]).toMatch(/;Yhteensä;;;;240,05$/);
    expect(text).not.toContain('Sanni');

    const read = await platform.gql<{ paymentBatch: { status: string; exportCount: number } }>(
      `query($id: ID!) { paymentBatch(id: $id) { status exportCount } }`,
      { id: batch.id },
      { token: organiser },
    );
    expect(read.data?.paymentBatch).toEqual({ status: 'EXPORTED', exportCount: 2 });
  });

  it('paid: the charges show when they were settled and paid, to the client and the provider', async () => {
    const organiser = await tokens(platform).organiser(M);
    const batch = batches.find((b) => b.payee.id === DEMO.providerId)!;
    await must(
      'markPaymentBatchPaid',
      `mutation($id: ID!) { markPaymentBatchPaid(batchId: $id) { batch { status } errors { code } } }`,
      { id: batch.id },
      organiser,
    );
    const mine = await platform.gql<{
      myCharges: {
        edges: Array<{ node: { id: string; settledAt: string | null; paidAt: string | null } }>;
      };
    }>(
      `{ myCharges(first: 50) { edges { node { id settledAt paidAt } } } }`,
      {},
      { token: await tokens(platform).provider(DEMO.providerId) },
    );
    const settled = mine
      .data!.myCharges.edges.map((e) => e.node)
      .filter((n) => charges[DEMO.providerId]!.includes(n.id));
    expect(settled).toHaveLength(2);
    for (const c of settled) {
      expect(c.settledAt).toEqual(expect.any(String));
      expect(c.paidAt).toEqual(expect.any(String));
    }
    const client = await platform.gql<{
      client: {
        budgets: Array<{
          transactions: {
            edges: Array<{ node: { id: string; paidAt: string | null; paymentBatch: unknown } }>;
          };
        }>;
      };
    }>(
      `query($id: ID!) { client(id: $id) { budgets { transactions(first: 20) { edges { node { id paidAt paymentBatch { id } } } } } } }`,
      { id: clientId },
      { token: await tokens(platform).client(clientId) },
    );
    const nodes = client.data!.client.budgets.flatMap((b) =>
      b.transactions.edges.map((e) => e.node),
    );
    const paid = nodes.filter((n) => charges[DEMO.providerId]!.includes(n.id));
    expect(paid.map((n) => n.paidAt)).toEqual([expect.any(String), expect.any(String)]);
    // The batch itself is the organiser's: the client sees that it was paid, not the batch.
    expect(paid.map((n) => n.paymentBatch)).toEqual([null, null]);
    const paidFile = await download(batch.id, 'pain001.xml', organiser);
    expect(paidFile.status).toBe(409);
  });

  it('two concurrent runs through the gateway: every confirmed charge in exactly one batch', async () => {
    const t = tokens(platform);
    const m = '604';
    const worker = await t.worker(m);
    const client = (await createClient(platform, await t.adviser(), { municipalityCode: m })).id;
    const budget = await decideBudget(platform, worker, client, { municipalityCode: m });
    const confirmed: string[] = [];
    for (const provider of [DEMO.providerId, otherProvider]) {
      const commitment = await issueCommitment(platform, worker, {
        budgetId: budget.id,
        providerId: provider,
        amount: '600.00',
      });
      for (let i = 0; i < 4; i++) {
        const charge = await recordCharge(platform, await t.provider(provider), {
          budgetId: budget.id,
          providerId: provider,
          commitmentId: commitment.id,
          amount: `${10 + i}.25`,
          serviceDate: today,
        });
        await must(
          'confirmCharge',
          `mutation($id: ID!) { confirmCharge(transactionId: $id) { errors { code } } }`,
          { id: charge.id },
          await t.client(client),
        );
        confirmed.push(charge.id);
      }
    }
    const organiser = await t.organiser(m);
    const runs = await Promise.all(
      [0, 1].map(() =>
        must<{ chargeCount: number; batches: Batch[] }>(
          'runSettlement',
          RUN,
          { i: { municipalityCode: m, from: today, to: today } },
          organiser,
        ),
      ),
    );
    expect(runs.map((r) => r.chargeCount).sort()).toEqual([0, confirmed.length]);
    const settled = runs.flatMap((r) => r.batches.flatMap((b) => b.lines.map((l) => l.chargeId)));
    expect([...settled].sort()).toEqual([...confirmed].sort());
    const listed = await platform.gql<{ paymentBatches: { totalCount: number } }>(
      `query($m: ID!) { paymentBatches(municipalityCode: $m) { totalCount } }`,
      { m },
      { token: organiser },
    );
    expect(listed.data?.paymentBatches.totalCount).toBe(2);
  });

  it("the demo world has Essi's confirmed charges settled in one batch, payable to the demo provider's IBAN", async () => {
    // The demo batch also holds the Tampere cohort's charges (the report's demo data): Essi's
    // four confirmed charges must be among its lines, and the batch must add up.
    const organiser = await tokens(platform).organiser(DEMO.tampere);
    const res = await platform.gql<{
      paymentBatches: {
        totalCount: number;
        edges: Array<{
          node: {
            id: string;
            status: string;
            total: { amount: string };
            lineCount: number;
            payee: { id: string };
            lines: Array<{ chargeId: string; amount: { amount: string } }>;
          };
        }>;
      };
    }>(
      `query($m: ID!) { paymentBatches(municipalityCode: $m) { totalCount edges { node {
        id status total { amount } lineCount payee { id } lines { chargeId amount { amount } }
      } } } }`,
      { m: DEMO.tampere },
      { token: organiser },
    );
    expect(res.data?.paymentBatches.totalCount).toBe(1);
    const demo = res.data!.paymentBatches.edges[0]!.node;
    expect(demo).toMatchObject({ status: 'CREATED', payee: { id: DEMO.providerId } });
    expect(demo.lineCount).toBe(demo.lines.length);
    const cents = demo.lines.reduce((sum, l) => sum + Math.round(Number(l.amount.amount) * 100), 0);
    expect(Math.round(Number(demo.total.amount) * 100)).toBe(cents);

    const essi = await platform.gql<{
      client: {
        budgets: Array<{
          transactions: { edges: Array<{ node: { id: string; kind: string; status: string } }> };
        }>;
      };
    }>(
      `query($id: ID!) { client(id: $id) { budgets { transactions(first: 100) { edges { node { id kind status } } } } } }`,
      { id: DEMO.essiClientId },
      { token: await tokens(platform).adviser() },
    );
    const confirmed = essi
      .data!.client.budgets.flatMap((b) => b.transactions.edges.map((e) => e.node))
      .filter((t) => t.kind === 'CHARGE' && t.status === 'CONFIRMED')
      .map((t) => t.id);
    expect(confirmed).toHaveLength(4);
    const lines = new Set(demo.lines.map((l) => l.chargeId));
    for (const id of confirmed) expect(lines.has(id)).toBe(true);

    const file = await download(demo.id, 'pain001.xml', organiser);
    expect(file.status).toBe(200);
    expect(await file.text()).toMatch(/<CdtrAcct><Id><IBAN>FI\d{16}<\/IBAN>/);
  });

  describe('refusals', () => {
    const cases: Array<[string, () => Promise<string>]> = [
      ['an HB adviser', () => tokens(platform).adviser()],
      ['an own worker', () => tokens(platform).worker(M)],
      ['the client', () => tokens(platform).client(clientId)],
      ['the payee provider', () => tokens(platform).provider(DEMO.providerId)],
      [
        'a municipal system',
        () => moreTokens(platform).municipalSystem(M, ['budgets:read', 'reports:read']),
      ],
    ];

    it.each(cases)('%s cannot run a settlement, list or read batches', async (_who, token) => {
      const t = await token();
      const run = await platform.gql(
        RUN,
        { i: { municipalityCode: M, from: today, to: today } },
        { token: t },
      );
      expect(run.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(run.data?.runSettlement ?? null).toBeNull();
      const list = await platform.gql(
        `query($m: ID!) { paymentBatches(municipalityCode: $m) { totalCount } }`,
        { m: M },
        { token: t },
      );
      expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const one = await platform.gql<{ paymentBatch: unknown }>(
        `query($id: ID!) { paymentBatch(id: $id) { id total { amount } } }`,
        { id: batches[1]!.id },
        { token: t },
      );
      expect(one.data?.paymentBatch).toBeNull();
      expect(JSON.stringify([run, list, one])).not.toMatch(/45[.,]50|FI\d{16}/);
    });

    it.each(cases)(
      '%s cannot download the files: the CSV looks like a random batch, the bank file is forbidden',
      async (_who, token) => {
        const t = await token();
        const other = batches.find((b) => b.payee.id === otherProvider)!;
        const csv = await download(other.id, 'batch.csv', t);
        const random = await download(crypto.randomUUID(), 'batch.csv', t);
        expect(csv.status).toBe(404);
        expect(await csv.text()).toBe(await random.text());
        const xml = await download(other.id, 'pain001.xml', t);
        expect(xml.status).toBe(403);
        expect(await xml.text()).not.toMatch(/45[.,]50|FI\d{16}|HB-/);
      },
    );

    it('organiser staff of another municipality: a real batch looks like a random id', async () => {
      const t = await tokens(platform).organiser('837');
      const other = batches.find((b) => b.payee.id === otherProvider)!;
      for (const file of ['batch.csv', 'pain001.xml']) {
        const real = await download(other.id, file, t);
        const random = await download(crypto.randomUUID(), file, t);
        expect(real.status).toBe(404);
        expect(await real.text()).toBe(await random.text());
      }
      const run = await platform.gql(
        RUN,
        { i: { municipalityCode: M, from: today, to: today } },
        { token: t },
      );
      expect(run.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('without a token: 401; HEAD never takes the bank file; the batch was not exported by any of this', async () => {
      const other = batches.find((b) => b.payee.id === otherProvider)!;
      expect((await download(other.id, 'batch.csv', null)).status).toBe(401);
      expect((await download(other.id, 'pain001.xml', null)).status).toBe(401);
      const organiser = await tokens(platform).organiser(M);
      expect((await download(other.id, 'pain001.xml', organiser, 'HEAD')).status).toBe(405);
      const read = await platform.gql<{ paymentBatch: { status: string; exportCount: number } }>(
        `query($id: ID!) { paymentBatch(id: $id) { status exportCount } }`,
        { id: other.id },
        { token: organiser },
      );
      expect(read.data?.paymentBatch).toEqual({ status: 'CREATED', exportCount: 0 });
    });
  });
});
