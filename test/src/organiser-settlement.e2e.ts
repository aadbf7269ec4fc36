import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { DEMO, PIRKANMAA_ORGANISER_ID } from '@hb/kit';
import {
  createClient,
  decideBudget,
  issueCommitment,
  recordCharge,
  tokens,
  usePlatform,
} from './testkit';

/**
 * Settlement of a whole organiser through the gateway (issue 18 item 3): a provider serving
 * clients in Tampere and Nokia is paid once by Pirkanmaan hyvinvointialue, with both charges in
 * its batch; the batch's bank file validates against the ISO 20022 schema; a Kanta-Häme token
 * and a Tampere-only token are refused as for an unknown organiser, and nothing changes.
 */
const platform = usePlatform();
const TAMPERE = '837';
const NOKIA = '536';
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
const XSD = path.resolve(__dirname, '../../../shared/standards/pain.001.001.03.xsd');
let pirha: string;
let kantaHame: string;
let provider: string;
const charged: string[] = [];

beforeAll(async () => {
  pirha = await platform.token({
    sub: DEMO.organiserId,
    role: 'ORGANISER',
    organiserId: PIRKANMAA_ORGANISER_ID,
  });
  kantaHame = await platform.token({
    sub: crypto.randomUUID(),
    role: 'ORGANISER',
    organiserId: 'kanta-hame',
  });
  const t = tokens(platform);
  const serving = async (m: string) =>
    (
      await platform.gql<{ providers: { edges: Array<{ node: { id: string } }> } }>(
        `{ providers(first: 50, search: { serviceType: "DAY_ACTIVITIES", municipalityCode: "${m}" }) { edges { node { id } } } }`,
      )
    ).data!.providers.edges.map((e) => e.node.id);
  const inNokia = await serving(NOKIA);
  provider = (await serving(TAMPERE)).find((id) => inNokia.includes(id))!;
  expect(provider).toBeDefined();
  for (const [m, amount] of [
    [TAMPERE, '120.00'],
    [NOKIA, '30.05'],
  ] as const) {
    const worker = await t.worker(m);
    const clientId = (
      await createClient(platform, await t.adviser(), { municipalityCode: m, firstName: 'Sanni' })
    ).id;
    const budget = await decideBudget(platform, worker, clientId, { municipalityCode: m });
    const commitment = await issueCommitment(platform, worker, {
      budgetId: budget.id,
      providerId: provider,
      amount: '500.00',
    });
    const charge = await recordCharge(platform, await t.provider(provider), {
      budgetId: budget.id,
      providerId: provider,
      commitmentId: commitment.id,
      amount,
      serviceDate: today,
    });
    const confirmed = await platform.gql(
      `mutation($id: ID!) { confirmCharge(transactionId: $id) { errors { code } } }`,
      { id: charge.id },
      { token: await t.client(clientId) },
    );
    expect(confirmed.errors).toBeUndefined();
    charged.push(charge.id);
  }
});

const RUN = `mutation($i: RunSettlementInput!) { runSettlement(input: $i) {
  chargeCount errors { code field }
  batches { id reference organiserId municipalityCode total { amount } payee { id } lines { chargeId } }
} }`;
const LIST = `query($o: ID) { paymentBatches(organiserId: $o) { totalCount edges { node { id } } } }`;

type Run = {
  runSettlement: {
    chargeCount: number;
    errors: Array<{ code: string }>;
    batches: Array<{
      id: string;
      reference: string;
      organiserId: string | null;
      municipalityCode: string | null;
      total: { amount: string };
      payee: { id: string };
      lines: Array<{ chargeId: string }>;
    }>;
  };
};

describe("the organiser's settlement through the gateway", () => {
  it('refuses another organiser and a Tampere-only token like an unknown organiser, changing nothing', async () => {
    for (const token of [kantaHame, await tokens(platform).organiser(TAMPERE)]) {
      for (const organiserId of [PIRKANMAA_ORGANISER_ID, 'no-such-organiser']) {
        const run = await platform.gql<Run>(
          RUN,
          { i: { organiserId, from: today, to: today } },
          { token },
        );
        expect(run.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        const list = await platform.gql(LIST, { o: organiserId }, { token });
        expect(list.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      }
    }
    const listed = await platform.gql<{ paymentBatches: { totalCount: number } }>(
      LIST,
      { o: PIRKANMAA_ORGANISER_ID },
      { token: pirha },
    );
    expect(listed.data?.paymentBatches.totalCount).toBe(0);
  });

  it('one batch for the provider with the Tampere and Nokia charges; its pain.001 is valid', async () => {
    const run = await platform.gql<Run>(
      RUN,
      { i: { organiserId: PIRKANMAA_ORGANISER_ID, from: today, to: today } },
      { token: pirha },
    );
    expect(run.errors).toBeUndefined();
    expect(run.data!.runSettlement.errors).toEqual([]);
    const batches = run.data!.runSettlement.batches;
    const mine = batches.filter((b) => b.payee?.id === provider);
    expect(mine).toHaveLength(1);
    const batch = mine[0]!;
    expect(batch).toMatchObject({ organiserId: PIRKANMAA_ORGANISER_ID, municipalityCode: null });
    expect(batch.lines.map((l) => l.chargeId)).toEqual(expect.arrayContaining(charged));
    expect(batch.reference).toMatch(/^HB-pirkanmaa-\d{6}$/);

    const listed = await platform.gql<{
      paymentBatches: { edges: Array<{ node: { id: string } }> };
    }>(LIST, { o: PIRKANMAA_ORGANISER_ID }, { token: pirha });
    expect(listed.data!.paymentBatches.edges.map((e) => e.node.id).sort()).toEqual(
      batches.map((b) => b.id).sort(),
    );

    // Tampere's own run finds the charges settled already.
    const tampere = await platform.gql<Run>(
      RUN,
      { i: { municipalityCode: TAMPERE, from: today, to: today } },
      { token: pirha },
    );
    expect(tampere.data!.runSettlement.errors).toEqual([]);
    const again = tampere.data!.runSettlement.batches.flatMap((b) =>
      b.lines.map((l) => l.chargeId),
    );
    for (const id of charged) expect(again).not.toContain(id);

    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const refused = await fetch(`${base}/settlements/${batch.id}/pain001.xml`, {
      headers: { authorization: `Bearer ${kantaHame}` },
    });
    expect(refused.status).toBe(404);
    const res = await fetch(`${base}/settlements/${batch.id}/pain001.xml`, {
      headers: { authorization: `Bearer ${pirha}` },
    });
    expect(res.status).toBe(200);
    const xml = await res.text();
    const check = await validateXML({
      xml: [{ fileName: 'batch.xml', contents: xml }],
      schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
    });
    expect(check.errors).toEqual([]);
    expect(xml).toContain(`<MsgId>${batch.reference}</MsgId>`);
    expect(xml).toContain(`<InstdAmt Ccy="EUR">${batch.total.amount}</InstdAmt>`);
    expect(xml).not.toContain('Sanni');
  });
});
