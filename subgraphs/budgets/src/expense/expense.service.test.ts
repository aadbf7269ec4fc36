import crypto from 'node:crypto';
import { todayInFinland, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { budgetsFixture } from '../testing/budgets-fixture';
import type { RemoteServices } from '../remote/remote-services';
import { MAX_RECEIPT_BYTES } from './receipt';
import type { SubmitExpenseInput } from './expense.type';

/**
 * Financial support to the client (taloudellinen tuki) on a real PostgreSQL: expenses with
 * receipts, staff's decision, the ledger and the commitment, settlement to the client's account.
 * Other subgraphs are in-memory remote ports; test/src/expenses.e2e.ts runs the real ones.
 */
const clients = new Map<string, string>();
const consents = new Map<string, string[]>();
const remote: RemoteServices = {
  clients: {
    client: async (_ctx, id) =>
      clients.has(id) ? { id, municipalityCode: clients.get(id)!, firstName: 'Essi' } : null,
  },
  providers: { provider: async () => null },
  consents: {
    myConsentScopes: async (ctx, clientId) =>
      ctx.principal?.clientId === clientId ? (consents.get(ctx.principal.sub) ?? []) : [],
  },
};

const f = budgetsFixture({ seed: 'catalog', remote });
const { as, q, rows } = f;

const year = new Date().getFullYear();
const today = todayInFinland();
const spentOn = today < `${year}-01-15` ? today : `${year}-01-15`;
const worker = principal('WORKER', { municipalities: ['837'] });
const organiser = principal('ORGANISER', { municipalities: ['837'] });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
  Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
]);
const IBAN = 'FI21 1234 5600 0007 85';

/** A budget of 1000 € for a new Tampere client with a 300 € commitment payable to her. */
async function supported(support = '300.00', y = year) {
  const staff = as(worker, y < year ? `${y}-12-31` : undefined);
  const clientId = crypto.randomUUID();
  clients.set(clientId, '837');
  const [cls] = await q<{ id: string }>(
    `SELECT id FROM budgets.hb_class WHERE service_type = 'DAY_ACTIVITIES' AND municipality_code = '837' AND level IS NULL`,
  );
  const decided = await staff.budgets.decide(
    {
      clientId,
      year: y,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: cls!.id,
      unitPrice: '1000.00',
      paymentIntervalMonths: 12,
      instrument: 'VOUCHER',
    },
    staff.catalog,
  );
  expect(decided.errors).toEqual([]);
  const budget = decided.budget!;
  const issued = await staff.commitments.issue({
    budgetId: budget.id,
    payeeKind: 'CLIENT',
    amount: support,
    reason: 'Taloudellinen tuki lähiverkoston apuun',
  });
  expect(issued.errors).toEqual([]);
  return { budget, commitment: issued.commitment!, client: principal('CLIENT', { clientId }) };
}

const input = (
  commitmentId: string,
  over: Partial<SubmitExpenseInput> = {},
): SubmitExpenseInput => ({
  commitmentId,
  amount: '42.50',
  expenseDate: spentOn,
  description: 'Avustajan matkakulut',
  accountHolder: 'Essi Esimerkki',
  iban: IBAN,
  receiptBase64: PDF.toString('base64'),
  receiptFileName: 'kuitti.pdf',
  ...over,
});

const codes = (r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code);

async function snapshot() {
  return {
    rows: await rows(),
    balances: await q(`SELECT * FROM budgets.budget_balance ORDER BY budget_id`),
    commitments: await q(
      `SELECT id, status, charged_cents FROM budgets.payment_commitment ORDER BY id`,
    ),
    expenses: await q(`SELECT id, status, transaction_id FROM budgets.expense ORDER BY id`),
  };
}

/**
 * The money invariants, with expenses: the balance equals the ledger (expenses count as spent);
 * commitments hold what their charges and expenses drew; an approved expense is exactly one
 * EXPENSE row of its commitment and amount, every EXPENSE row belongs to one approved expense,
 * and each is settled at most once, to its own client.
 */
async function invariantsHold() {
  const broken = await q(`
    WITH ledger AS (
      SELECT budget_id,
        coalesce(sum(amount_cents) FILTER (WHERE kind IN ('GRANT', 'ADJUSTMENT')), 0) AS granted,
        coalesce(sum(amount_cents) FILTER (WHERE kind IN ('CHARGE', 'EXPENSE') AND status = 'CONFIRMED'), 0) AS spent,
        coalesce(sum(amount_cents) FILTER (WHERE kind = 'CHARGE' AND status = 'PENDING_CONFIRMATION'), 0) AS pending,
        coalesce(sum(amount_cents) FILTER (WHERE kind = 'LAPSE'), 0) AS lapsed
      FROM budgets.ledger_transaction GROUP BY budget_id),
    drawn AS (
      SELECT c.id, c.charged_cents, c.amount_cents, coalesce(sum(t.amount_cents), 0) AS sum
      FROM budgets.payment_commitment c
      LEFT JOIN budgets.ledger_transaction t ON t.commitment_id = c.id AND t.status <> 'REJECTED'
      GROUP BY c.id)
    SELECT 'ledger' AS what, b.budget_id::text AS id FROM budgets.budget_balance b JOIN ledger l USING (budget_id)
      WHERE (b.granted_cents, b.spent_cents, b.pending_cents, b.lapsed_cents) <> (l.granted, l.spent, l.pending, l.lapsed)
    UNION ALL
    SELECT 'drawn', d.id::text FROM drawn d WHERE d.sum <> d.charged_cents OR d.sum > d.amount_cents
    UNION ALL
    SELECT 'approved', e.id::text FROM budgets.expense e
      LEFT JOIN budgets.ledger_transaction t ON t.id = e.transaction_id
      JOIN budgets.payment_commitment c ON c.id = e.commitment_id
      WHERE (e.status = 'APPROVED') <> (t.id IS NOT NULL)
         OR (t.id IS NOT NULL AND (t.kind <> 'EXPENSE' OR t.amount_cents <> e.amount_cents
             OR t.commitment_id <> e.commitment_id OR c.payee_kind <> 'CLIENT'))
    UNION ALL
    SELECT 'orphan', t.id::text FROM budgets.ledger_transaction t
      WHERE t.kind = 'EXPENSE' AND NOT EXISTS (SELECT 1 FROM budgets.expense e WHERE e.transaction_id = t.id)
    UNION ALL
    SELECT 'settled', l.transaction_id::text FROM budgets.payment_batch_line l
      JOIN budgets.payment_batch p ON p.id = l.batch_id
      JOIN budgets.ledger_transaction t ON t.id = l.transaction_id
      JOIN budgets.budget b ON b.id = t.budget_id
      WHERE t.kind = 'EXPENSE' AND p.payee_client_id IS DISTINCT FROM b.client_id`);
  expect(broken).toEqual([]);
}

afterEach(invariantsHold);

describe('submitExpense and decideExpense', () => {
  it('the client submits, staff approve: drawn on the commitment, spent, settled to her account', async () => {
    const { budget, commitment, client } = await supported();
    const submitted = await as(client).expenses.submit(input(commitment.id));
    expect(submitted.errors).toEqual([]);
    expect(submitted.expense).toMatchObject({
      status: 'SUBMITTED',
      amountCents: 42_50,
      receiptType: 'application/pdf',
      receiptName: 'kuitti.pdf',
      payeeIban: 'FI2112345600000785',
    });
    const id = submitted.expense!.id;
    // Submitting draws nothing yet.
    expect(
      (
        await q(`SELECT charged_cents FROM budgets.payment_commitment WHERE id = $1`, [
          commitment.id,
        ])
      )[0],
    ).toEqual({ charged_cents: '0' });

    const approved = await as(worker).expenses.decide(id, true, null);
    expect(approved.errors).toEqual([]);
    expect(approved.expense).toMatchObject({ status: 'APPROVED' });
    const [c] = await q(
      `SELECT charged_cents, status FROM budgets.payment_commitment WHERE id = $1`,
      [commitment.id],
    );
    expect(c).toEqual({ charged_cents: '4250', status: 'ACTIVE' });
    const [bal] = await q(`SELECT spent_cents FROM budgets.budget_balance WHERE budget_id = $1`, [
      budget.id,
    ]);
    expect(bal).toEqual({ spent_cents: '4250' });
    const events = await q(
      `SELECT change, kind FROM budgets.budget_event WHERE budget_id = $1 AND kind = 'EXPENSE'`,
      [budget.id],
    );
    expect(events).toEqual([{ change: 'EXPENSE_APPROVED', kind: 'EXPENSE' }]);

    // A second decision changes nothing.
    const before = await snapshot();
    expect(codes(await as(worker).expenses.decide(id, false, 'Myöhässä'))).toEqual(['NOT_PENDING']);
    expect(await snapshot()).toEqual(before);

    const run = await as(organiser).settlement.run({
      municipalityCode: '837',
      from: today,
      to: today,
    });
    expect(run.errors).toEqual([]);
    const mine = run.batches.filter((b) => b.payeeClientId === budget.clientId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      payeeProviderId: null,
      totalCents: 42_50,
      lineCount: 1,
      payeeIban: 'FI2112345600000785',
      payeeName: 'Essi Esimerkki',
    });
    // A second run settles nothing twice.
    const again = await as(organiser).settlement.run({
      municipalityCode: '837',
      from: today,
      to: today,
    });
    expect(again.batches.filter((b) => b.payeeClientId === budget.clientId)).toEqual([]);
    const file = await as(organiser).settlement.export(mine[0]!.id);
    expect(file.errors).toEqual([]);
    expect(file.content).toContain('<IBAN>FI2112345600000785</IBAN>');
    expect(file.content).toContain('<Nm>Essi Esimerkki</Nm>');
  });

  it('a team member with budget consent submits; without it she is refused and nothing changes', async () => {
    const { commitment, budget } = await supported();
    const member = principal('TEAM_MEMBER', { clientId: budget.clientId });
    const before = await snapshot();
    await expect(as(member).expenses.submit(input(commitment.id))).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await snapshot()).toEqual(before);
    consents.set(member.sub, ['BUDGET']);
    const done = await as(member).expenses.submit(input(commitment.id));
    expect(done.errors).toEqual([]);
    // Her team sees the expense and the receipt, not the account.
    const seen = await as(member).expenses.get(done.expense!.id);
    expect(seen?.id).toBe(done.expense!.id);
    expect(as(member).expenses.account(seen!)).toBeNull();
    const receipt = await as(member).expenses.receipt(seen!);
    expect(Buffer.from(receipt!.contentBase64, 'base64').equals(PDF)).toBe(true);
  });

  it.each<[string, () => Principal]>([
    ['a provider', () => principal('PROVIDER', { providerId: crypto.randomUUID() })],
    ['organiser staff', () => organiser],
    ['a worker', () => worker],
    ['another client', () => principal('CLIENT', { clientId: crypto.randomUUID() })],
    [
      "another client's team member",
      () => principal('TEAM_MEMBER', { clientId: crypto.randomUUID() }),
    ],
    [
      'a municipal system',
      () => principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
    ],
  ])('submitExpense is refused to %s and changes nothing', async (_name, who) => {
    const { commitment } = await supported();
    const before = await snapshot();
    await expect(as(who()).expenses.submit(input(commitment.id))).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown commitment and a foreign one are refused alike', async () => {
    const { commitment } = await supported();
    const stranger = principal('CLIENT', { clientId: crypto.randomUUID() });
    const foreign = await as(stranger)
      .expenses.submit(input(commitment.id))
      .catch((e: Error) => e.message);
    const random = await as(stranger)
      .expenses.submit(input(crypto.randomUUID()))
      .catch((e: Error) => e.message);
    expect(foreign).toBe(random);
  });

  it.each<[string, Partial<SubmitExpenseInput>, string[]]>([
    [
      'text disguised as a PDF',
      { receiptBase64: Buffer.from('hello').toString('base64'), receiptFileName: 'kuitti.pdf' },
      ['RECEIPT_TYPE'],
    ],
    [
      'HTML disguised as a PNG',
      { receiptBase64: Buffer.from('<html></html>').toString('base64'), receiptFileName: 'a.png' },
      ['RECEIPT_TYPE'],
    ],
    ['an empty file', { receiptBase64: '' }, ['RECEIPT_EMPTY']],
    [
      'a file over the limit',
      {
        receiptBase64: Buffer.concat([
          PNG.subarray(0, 24),
          Buffer.alloc(MAX_RECEIPT_BYTES),
          PNG.subarray(24),
        ]).toString('base64'),
      },
      ['RECEIPT_TOO_LARGE'],
    ],
    ['an invalid IBAN', { iban: 'FI21 1234 5600 0007 86' }, ['VALIDATION']],
    ['a non-SEPA IBAN', { iban: 'BR1800360305000010009795493C1' }, ['VALIDATION']],
    ['no amount', { amount: '0' }, ['VALIDATION']],
    ['no description', { description: '  ' }, ['VALIDATION']],
    ['over the commitment', { amount: '300.01' }, ['OVER_COMMITMENT']],
    ['a date in the future', { expenseDate: `${year + 1}-01-02` }, ['OUTSIDE_VALIDITY']],
    ['a date before the commitment', { expenseDate: `${year - 1}-12-31` }, ['OUTSIDE_VALIDITY']],
  ])('%s is refused and nothing changes', async (_name, over, expected) => {
    const { commitment, client } = await supported();
    const before = await snapshot();
    expect(codes(await as(client).expenses.submit(input(commitment.id, over)))).toEqual(expected);
    expect(await snapshot()).toEqual(before);
  });

  it('a PNG receipt is kept as a PNG whatever its name says', async () => {
    const { commitment, client } = await supported();
    const done = await as(client).expenses.submit(
      input(commitment.id, { receiptBase64: PNG.toString('base64'), receiptFileName: 'scan.pdf' }),
    );
    expect(done.expense).toMatchObject({ receiptType: 'image/png', receiptName: 'scan.png' });
  });

  it("a provider's commitment takes no expense", async () => {
    const { budget, client } = await supported('100.00');
    const providerId = crypto.randomUUID();
    const [c] = await q<{ id: string }>(
      `INSERT INTO budgets.payment_commitment (budget_id, payee_kind, provider_id, service_type, client_first_name,
         amount_cents, valid_from, valid_to, status, reason, issued_by)
       VALUES ($1, 'PROVIDER', $2, 'DAY_ACTIVITIES', 'Essi', 1000, $3, $4, 'ACTIVE', 'x', 'test') RETURNING id`,
      [budget.id, providerId, `${year}-01-01`, `${year}-12-31`],
    );
    const before = await snapshot();
    expect(codes(await as(client).expenses.submit(input(c!.id)))).toEqual(['NO_COMMITMENT']);
    expect(await snapshot()).toEqual(before);
  });

  it('approval re-judges under the locks: two expenses over the commitment, only one approved', async () => {
    const { commitment, client } = await supported('100.00');
    const a = (await as(client).expenses.submit(input(commitment.id, { amount: '60.00' })))
      .expense!;
    const b = (await as(client).expenses.submit(input(commitment.id, { amount: '60.00' })))
      .expense!;
    const results = await Promise.all([
      as(worker).expenses.decide(a.id, true, null),
      as(worker).expenses.decide(b.id, true, null),
    ]);
    expect(results.map(codes).sort()).toEqual([[], ['OVER_COMMITMENT']]);
    const [c] = await q(`SELECT charged_cents FROM budgets.payment_commitment WHERE id = $1`, [
      commitment.id,
    ]);
    expect(c).toEqual({ charged_cents: '6000' });
  });

  it('a rejection needs a reason and draws nothing', async () => {
    const { commitment, client } = await supported();
    const e = (await as(client).expenses.submit(input(commitment.id))).expense!;
    expect(codes(await as(worker).expenses.decide(e.id, false, ' '))).toEqual(['VALIDATION']);
    const rejected = await as(worker).expenses.decide(e.id, false, 'Kuitista ei saa selvää');
    expect(rejected.expense).toMatchObject({
      status: 'REJECTED',
      decisionReason: 'Kuitista ei saa selvää',
    });
    const [c] = await q(`SELECT charged_cents FROM budgets.payment_commitment WHERE id = $1`, [
      commitment.id,
    ]);
    expect(c).toEqual({ charged_cents: '0' });
  });

  it('staff of another municipality get the answer of an unknown expense; other roles are refused', async () => {
    const { commitment, client } = await supported();
    const e = (await as(client).expenses.submit(input(commitment.id))).expense!;
    const before = await snapshot();
    const nokia = principal('ADVISER', { municipalities: ['536'] });
    expect(await as(nokia).expenses.decide(e.id, true, null)).toEqual(
      await as(nokia).expenses.decide(crypto.randomUUID(), true, null),
    );
    for (const who of [
      client,
      organiser,
      principal('PROVIDER', { providerId: crypto.randomUUID() }),
    ]) {
      await expect(as(who).expenses.decide(e.id, true, null)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('the expense and its receipt are read only by the client, her consenting team and her staff; each read logged', async () => {
    const { commitment, client, budget } = await supported();
    const e = (await as(client).expenses.submit(input(commitment.id))).expense!;
    for (const who of [
      principal('CLIENT', { clientId: crypto.randomUUID() }),
      principal('TEAM_MEMBER', { clientId: budget.clientId }),
      principal('WORKER', { municipalities: ['536'] }),
      organiser,
      principal('PROVIDER', { providerId: crypto.randomUUID() }),
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
    ]) {
      expect(await as(who).expenses.get(e.id)).toBeNull();
      expect(await as(who).expenses.ofBudget(budget)).toEqual([]);
      await expect(as(who).expenses.receipt(e)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
    const ctx = as(worker);
    const row = await ctx.expenses.get(e.id);
    expect(ctx.expenses.account(row!)).toEqual({
      iban: 'FI2112345600000785',
      holder: 'Essi Esimerkki',
    });
    await ctx.expenses.receipt(row!);
    await ctx.accessLog.flush();
    expect(ctx.accessLog.written()).toEqual(
      expect.arrayContaining([
        { clientId: budget.clientId, action: 'READ', subject: 'Expense' },
        { clientId: budget.clientId, action: 'READ', subject: 'Expense.receipt' },
      ]),
    );
  });

  it('approvals racing the year end: no failure, nothing on the closed budget, each approved once', async () => {
    const past = year - 1;
    const { budget, commitment, client } = await supported('300.00', past);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const sent = await as(client).expenses.submit(
        input(commitment.id, { amount: '40.00', expenseDate: `${past}-06-0${i + 1}` }),
      );
      expect(sent.errors).toEqual([]);
      ids.push(sent.expense!.id);
    }
    const close = () => as(organiser).yearEnd.closeYear('837', past);
    const approve = (id: string) => as(worker).expenses.decide(id, true, null);
    const calls = [...ids.slice(0, 3).map(approve), close(), ...ids.slice(3).map(approve), close()];
    const settled = await Promise.allSettled(calls);
    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const r of settled)
      for (const e of (r as PromiseFulfilledResult<{ errors: Array<{ code: string }> }>).value
        .errors)
        expect(e.code).toBe('BUDGET_NOT_ACTIVE');
    const [b] = await q<{ status: string; remaining: string }>(
      `SELECT b.status, x.remaining_cents::text AS remaining FROM budgets.budget b
       JOIN budgets.budget_balance x ON x.budget_id = b.id WHERE b.id = $1`,
      [budget.id],
    );
    expect(b).toEqual({ status: 'CLOSED', remaining: '0' });
    // A refused approval leaves the expense waiting; deciding it again is refused the same way.
    const waiting = await q<{ id: string }>(
      `SELECT id FROM budgets.expense WHERE budget_id = $1 AND status = 'SUBMITTED'`,
      [budget.id],
    );
    for (const w of waiting)
      expect(codes(await as(worker).expenses.decide(w.id, true, null))).toEqual([
        'BUDGET_NOT_ACTIVE',
      ]);
  }, 60_000);
});
