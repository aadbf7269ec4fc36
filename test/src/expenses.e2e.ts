import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { DEMO, todayInFinland } from '@hb/kit';
import { countRows } from '@hb/kit/testing';
import {
  addTeamMember,
  createClient,
  decideBudget,
  type DecidedBudget,
  grantConsent,
  moreTokens,
  tokens,
  usePlatform,
} from './testkit';

/**
 * Financial support to the client (taloudellinen tuki) end to end through the gateway: a
 * commitment payable to the client, her expense with a receipt, staff's approval, settlement to
 * her account and the bank file. Every role that may not submit, decide or read is refused and
 * changes nothing.
 */
const platform = usePlatform({ env: { MUTATION_RATE_PER_MINUTE: '100000' } });
let adviser: string;
let clientId: string;
let budget: DecidedBudget;
let commitmentId: string;
let expenseId: string;

const T = DEMO.tampere;
const XSD = path.resolve(__dirname, '../../../shared/standards/pain.001.001.03.xsd');
const today = todayInFinland();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

const SUBMIT = `mutation($i: SubmitExpenseInput!) { submitExpense(input: $i) {
  expense { id status amount { amount } receiptType } errors { code field } } }`;
const DECIDE = `mutation($id: ID!, $ok: Boolean!, $r: String) { decideExpense(expenseId: $id, approve: $ok, reason: $r) {
  expense { id status } errors { code field } } }`;
const READ = `query($id: ID!) { expense(id: $id) { id description iban accountHolder
  receipt { fileName contentType size contentBase64 } } }`;

const input = (over: Record<string, unknown> = {}) => ({
  commitmentId,
  amount: '25.00',
  expenseDate: today,
  description: 'Tukihenkilön bussiliput',
  accountHolder: 'Kulu Asiakas',
  iban: 'FI21 1234 5600 0007 85',
  receiptBase64: PDF.toString('base64'),
  receiptFileName: 'liput.pdf',
  ...over,
});

async function snapshot() {
  await new Promise((r) => setTimeout(r, 300));
  return countRows(platform.databaseUrl, ['budgets', 'audit']);
}

beforeAll(async () => {
  adviser = await tokens(platform).adviser();
  const client = await createClient(platform, adviser, { firstName: 'Kulu' });
  clientId = client.id;
  budget = await decideBudget(platform, adviser, client.id, { weeklyUnits: 2, weeks: 48 });
  const issued = await platform.gql<{
    issueCommitment: { commitment: { id: string } | null; errors: unknown[] };
  }>(
    `mutation($i: IssueCommitmentInput!) { issueCommitment(input: $i) { commitment { id } errors { code } } }`,
    {
      i: {
        budgetId: budget.id,
        payeeKind: 'CLIENT',
        amount: '100.00',
        reason: 'Taloudellinen tuki lähiverkoston apuun',
      },
    },
    { token: adviser },
  );
  expect(issued.data?.issueCommitment.errors).toEqual([]);
  commitmentId = issued.data!.issueCommitment.commitment!.id;
});

describe('expenses through the gateway', () => {
  it('refuses submitExpense to every role but the client and her consenting team, changing nothing', async () => {
    const t = tokens(platform);
    const member = await addTeamMember(platform, adviser, clientId, { name: 'Ilman Suostumusta' });
    const before = await snapshot();
    for (const token of [
      null,
      await t.provider(DEMO.providerId),
      await t.organiser(T),
      await t.worker(T),
      await t.worker('536'),
      await t.client(DEMO.essiClientId),
      await t.teamMember(member.id, clientId),
      await moreTokens(platform).municipalSystem(T, ['budgets:read']),
    ]) {
      const res = await platform.gql(SUBMIT, { i: input() }, token ? { token } : {});
      expect(res.data ?? null).toBeNull();
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.errors?.[0]?.extensions?.code);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a disguised, empty or too large receipt with its code', async () => {
    const token = await tokens(platform).client(clientId);
    const before = await snapshot();
    for (const [over, code] of [
      [
        {
          receiptBase64: Buffer.from('MZ executable').toString('base64'),
          receiptFileName: 'kuitti.pdf',
        },
        'RECEIPT_TYPE',
      ],
      [{ receiptBase64: '' }, 'RECEIPT_EMPTY'],
      [{ receiptBase64: 'A'.repeat(900_000) }, 'RECEIPT_TOO_LARGE'],
    ] as const) {
      const res = await platform.gql<{ submitExpense: { errors: Array<{ code: string }> } }>(
        SUBMIT,
        { i: input(over) },
        { token },
      );
      expect(res.data?.submitExpense.errors.map((e) => e.code)).toEqual([code]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('the client submits an expense with a PDF receipt', async () => {
    const res = await platform.gql<{
      submitExpense: {
        expense: { id: string; status: string; receiptType: string };
        errors: unknown[];
      };
    }>(SUBMIT, { i: input() }, { token: await tokens(platform).client(clientId) });
    expect(res.data?.submitExpense.errors).toEqual([]);
    expect(res.data?.submitExpense.expense).toMatchObject({
      status: 'SUBMITTED',
      receiptType: 'application/pdf',
    });
    expenseId = res.data!.submitExpense.expense.id;
  });

  it('reads the expense and receipt only as the client, her consenting team member and her staff', async () => {
    const t = tokens(platform);
    for (const token of [
      await t.provider(DEMO.providerId),
      await t.organiser(T),
      await t.worker('536'),
      await t.client(DEMO.essiClientId),
      await moreTokens(platform).municipalSystem(T, ['budgets:read']),
    ]) {
      const res = await platform.gql<{ expense: unknown }>(READ, { id: expenseId }, { token });
      expect(JSON.stringify(res)).not.toContain('bussiliput');
      expect(res.data?.expense ?? null).toBeNull();
    }
    const member = await addTeamMember(platform, adviser, clientId, { name: 'Suostumus Kyllä' });
    await grantConsent(platform, adviser, clientId, member.id, ['BUDGET']);
    const asMember = await platform.gql<{
      expense: { iban: string | null; receipt: { contentBase64: string } };
    }>(READ, { id: expenseId }, { token: await t.teamMember(member.id, clientId) });
    expect(asMember.errors).toBeUndefined();
    expect(asMember.data?.expense.iban).toBeNull();
    expect(Buffer.from(asMember.data!.expense.receipt.contentBase64, 'base64').equals(PDF)).toBe(
      true,
    );
    const asStaff = await platform.gql<{
      expense: { iban: string; receipt: { fileName: string; contentType: string } };
    }>(READ, { id: expenseId }, { token: adviser });
    expect(asStaff.data?.expense).toMatchObject({
      iban: 'FI2112345600000785',
      receipt: { fileName: 'liput.pdf', contentType: 'application/pdf' },
    });
  });

  it('Budget._entities at the subgraph gives expenses only to those who may read them', async () => {
    const url = platform.services.find((s) => s.name === 'budgets')!.url;
    const entities = async (token: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Budget { id expenses { description iban receipt { size } } } } }`,
          variables: { r: [{ __typename: 'Budget', id: budget.id }] },
        }),
      });
      return res.text();
    };
    const t = tokens(platform);
    for (const token of [
      await t.provider(DEMO.providerId),
      await t.organiser(T),
      await t.worker('536'),
      await t.client(DEMO.essiClientId),
      await moreTokens(platform).municipalSystem(T, ['budgets:read']),
    ]) {
      const text = await entities(token);
      expect(text).not.toContain('bussiliput');
      expect(text).not.toContain('FI2112345600000785');
    }
    // A municipal system reads the budget, not the expenses on it.
    expect(
      JSON.parse(await entities(await moreTokens(platform).municipalSystem(T, ['budgets:read'])))
        .data._entities[0].expenses,
    ).toEqual([]);
    expect(await entities(adviser)).toContain('bussiliput');
  });

  it('refuses decideExpense to all but her own staff; another municipality gets the answer of a random id', async () => {
    const t = tokens(platform);
    const before = await snapshot();
    for (const token of [
      await t.client(clientId),
      await t.provider(DEMO.providerId),
      await t.organiser(T),
    ]) {
      const res = await platform.gql(DECIDE, { id: expenseId, ok: true }, { token });
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const nokia = await t.worker('536');
    const foreign = await platform.gql(DECIDE, { id: expenseId, ok: true }, { token: nokia });
    const random = await platform.gql(
      DECIDE,
      { id: crypto.randomUUID(), ok: true },
      { token: nokia },
    );
    expect(JSON.stringify(foreign)).toBe(JSON.stringify(random));
    expect(await snapshot()).toEqual(before);
  });

  it('staff approve; the budget counts it spent; settlement pays the client in a pain.001 file', async () => {
    const approved = await platform.gql<{
      decideExpense: { expense: { status: string }; errors: unknown[] };
    }>(DECIDE, { id: expenseId, ok: true }, { token: adviser });
    expect(approved.data?.decideExpense).toEqual({
      expense: { id: expenseId, status: 'APPROVED' },
      errors: [],
    });
    const again = await platform.gql<{ decideExpense: { errors: Array<{ code: string }> } }>(
      DECIDE,
      { id: expenseId, ok: false, r: 'Myöhässä' },
      { token: adviser },
    );
    expect(again.data?.decideExpense.errors.map((e) => e.code)).toEqual(['NOT_PENDING']);
    const b = await platform.gql<{
      budget: {
        spent: { amount: string };
        commitments: Array<{ id: string; charged: { amount: string } }>;
      };
    }>(
      `query($id: ID!) { budget(id: $id) { spent { amount } commitments { id charged { amount } } } }`,
      { id: budget.id },
      { token: adviser },
    );
    expect(b.data?.budget.spent.amount).toBe('25.00');
    expect(b.data?.budget.commitments.find((c) => c.id === commitmentId)?.charged.amount).toBe(
      '25.00',
    );

    const organiser = await tokens(platform).organiser(T);
    const run = await platform.gql<{
      runSettlement: {
        batches: Array<{
          id: string;
          payeeKind: string;
          payee: unknown;
          payeeIban: string;
          total: { amount: string };
        }>;
        errors: unknown[];
      };
    }>(
      `mutation($i: RunSettlementInput!) { runSettlement(input: $i) { batches { id payeeKind payee { id } payeeIban total { amount } } errors { code } } }`,
      { i: { municipalityCode: T, from: today, to: today } },
      { token: organiser },
    );
    expect(run.errors).toBeUndefined();
    const toClient = run.data!.runSettlement.batches.filter((x) => x.payeeKind === 'CLIENT');
    expect(toClient).toEqual([
      expect.objectContaining({
        payee: null,
        payeeIban: 'FI2112345600000785',
        total: { amount: '25.00' },
      }),
    ]);
    const base = platform.gatewayUrl.replace(/\/graphql$/, '');
    const file = await fetch(`${base}/settlements/${toClient[0]!.id}/pain001.xml`, {
      headers: { authorization: `Bearer ${organiser}` },
    });
    expect(file.status).toBe(200);
    const xml = await file.text();
    expect(xml).toContain('<IBAN>FI2112345600000785</IBAN>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">25.00</InstdAmt>');
    const check = await validateXML({
      xml: [{ fileName: 'batch.xml', contents: xml }],
      schema: [{ fileName: 'pain.001.001.03.xsd', contents: fs.readFileSync(XSD, 'utf8') }],
    });
    expect(check.errors).toEqual([]);
  });
});
