import crypto from 'node:crypto';
import { DEMO, todayInFinland } from '@hb/kit';
import { countRows } from '@hb/kit/testing';
import {
  addTeamMember,
  createClient,
  createPlan,
  decideBudget,
  type DecidedBudget,
  grantConsent,
  issueCommitment,
  moreTokens,
  otherProviderId,
  setAllocation,
  tokens,
  usePlatform,
} from './testkit';

/**
 * Payment commitments (maksusitoumus) end to end, through the gateway: staff issue them (singly
 * and from an accepted plan), a provider charges only what is committed to it, every refusal
 * changes nothing, and a provider without a commitment cannot tell a real budget from a random
 * id. The provider's own lists, and who may not use them.
 */
const platform = usePlatform();
let adviser: string;
let clientId: string;
let budget: DecidedBudget;
let p2: string;

beforeAll(async () => {
  adviser = await tokens(platform).adviser();
  p2 = await otherProviderId(platform);
  const client = await createClient(platform, adviser, { firstName: 'Sitoumus' });
  clientId = client.id;
  budget = await decideBudget(platform, adviser, client.id, { weeklyUnits: 2, weeks: 48 });
});

const today = () => todayInFinland();
const year = new Date().getFullYear();

const RECORD = `mutation($i: RecordChargeInput!) { recordCharge(input: $i) {
  transaction { id status } budget { id remaining { amount } } errors { code message field } } }`;

type ChargeResult = {
  recordCharge: {
    transaction: { id: string; status: string } | null;
    budget: unknown;
    errors: Array<{ code: string; message: string; field: string | null }>;
  };
};

function charge(token: string, input: Record<string, unknown>) {
  return platform.gql<ChargeResult>(
    RECORD,
    {
      i: {
        amount: '100.00',
        serviceDate: today(),
        description: 'Ohjaus',
        idempotencyKey: crypto.randomUUID(),
        ...input,
      },
    },
    { token },
  );
}

/** Rows of every table of the budgets schema and the access log, balances and commitments. */
async function snapshot() {
  // Reads of earlier requests are logged as they finish: let those land first.
  await new Promise((r) => setTimeout(r, 300));
  return countRows(platform.databaseUrl, ['budgets', 'audit']);
}

async function figures(id: string) {
  const res = await platform.gql<{
    budget: Record<string, { amount: string }> & {
      commitments: Array<{ id: string; status: string; charged: { amount: string } }>;
    };
  }>(
    `query($id: ID!) { budget(id: $id) { granted { amount } pending { amount } remaining { amount }
      committed { amount } uncommitted { amount } commitments { id status charged { amount } } } }`,
    { id },
    { token: adviser },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.budget;
}

describe('issuing and charging through the gateway', () => {
  let commitmentId: string;

  it('issues a commitment and shows committed and uncommitted on the budget', async () => {
    commitmentId = (
      await issueCommitment(platform, adviser, {
        budgetId: budget.id,
        providerId: DEMO.providerId,
        amount: '1000.00',
      })
    ).id;
    const b = await figures(budget.id);
    expect(b.committed!.amount).toBe('1000.00');
    expect(Number(b.uncommitted!.amount)).toBeCloseTo(Number(budget.granted) - 1000, 2);
    expect(b.commitments.map((c) => c.id)).toEqual([commitmentId]);
  });

  it('lets the provider charge its commitment, without learning the budget', async () => {
    const provider = await tokens(platform).provider(DEMO.providerId);
    const res = await charge(provider, { commitmentId, amount: '250.00' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordCharge).toMatchObject({
      transaction: { status: 'PENDING_CONFIRMATION' },
      budget: null,
      errors: [],
    });
    const b = await figures(budget.id);
    expect(b.commitments[0]!.charged.amount).toBe('250.00');
  });

  it('tells a provider without a commitment nothing: a real budget and a random id answer the same bytes', async () => {
    const other = await tokens(platform).provider(p2);
    const before = await snapshot();
    const real = await charge(other, { budgetId: budget.id, idempotencyKey: 'probe' });
    const random = await charge(other, { budgetId: crypto.randomUUID(), idempotencyKey: 'probe' });
    const huge = await charge(other, {
      budgetId: budget.id,
      amount: '999999.00',
      serviceDate: `${year - 3}-01-01`,
      idempotencyKey: 'probe',
    });
    const named = await charge(other, { commitmentId, idempotencyKey: 'probe' });
    expect(real.data?.recordCharge.errors.map((e) => e.code)).toEqual(['NO_COMMITMENT']);
    for (const r of [random, huge, named]) {
      expect(r.status).toBe(real.status);
      expect(JSON.stringify(r.data)).toBe(JSON.stringify(real.data));
      expect(r.errors).toBeUndefined();
    }
    expect(await snapshot()).toEqual(before);
  });

  it.each<[string, () => Promise<Record<string, unknown>>, string]>([
    [
      'more than remains of the commitment',
      async () => ({ commitmentId, amount: '750.01' }),
      'OVER_COMMITMENT',
    ],
    [
      'a service date in the future',
      async () => ({ commitmentId, serviceDate: `${year + 1}-01-02` }),
      'OUTSIDE_VALIDITY',
    ],
    [
      'a service date outside the validity',
      async () => ({
        commitmentId: (
          await issueCommitment(platform, adviser, {
            budgetId: budget.id,
            providerId: DEMO.providerId,
            amount: '10.00',
            validFrom: `${year}-01-01`,
            validTo: `${year}-01-31`,
          })
        ).id,
        serviceDate: `${year}-02-01`,
        amount: '5.00',
      }),
      'OUTSIDE_VALIDITY',
    ],
    [
      "next year's budget before it starts",
      async () => {
        const client = await createClient(platform, adviser);
        const next = await decideBudget(platform, adviser, client.id, { year: year + 1 });
        const c = await issueCommitment(platform, adviser, {
          budgetId: next.id,
          providerId: DEMO.providerId,
          amount: '10.00',
        });
        return { commitmentId: c.id, amount: '5.00' };
      },
      'BUDGET_NOT_ACTIVE',
    ],
  ])('refuses %s and changes nothing', async (_name, input, code) => {
    const provider = await tokens(platform).provider(DEMO.providerId);
    const prepared = await input();
    const before = await snapshot();
    const res = await charge(provider, prepared);
    expect(res.data?.recordCharge.transaction).toBeNull();
    expect(res.data?.recordCharge.errors.map((e) => e.code)).toEqual([code]);
    // Never the client's balance: no figures in the message.
    expect(res.data?.recordCharge.errors[0]!.message).not.toMatch(/\d+[.,]\d\d/);
    expect(await snapshot()).toEqual(before);
  });

  it('takes no discretionary reason from a provider: the input has no such field', async () => {
    const provider = await tokens(platform).provider(DEMO.providerId);
    const res = await charge(provider, { commitmentId, discretionaryReason: 'Minä päätän' });
    expect(res.data).toBeUndefined();
    expect(JSON.stringify(res.errors)).toContain('discretionaryReason');
  });

  it('cancels a commitment: charges on it are refused afterwards', async () => {
    const c = await issueCommitment(platform, adviser, {
      budgetId: budget.id,
      providerId: p2,
      amount: '20.00',
    });
    const cancelled = await platform.gql<{
      cancelCommitment: { commitment: { status: string } | null; errors: unknown[] };
    }>(
      `mutation($c: ID!) { cancelCommitment(commitmentId: $c, reason: "Asiakas vaihtoi") { commitment { status } errors { code } } }`,
      { c: c.id },
      { token: adviser },
    );
    expect(cancelled.data?.cancelCommitment).toEqual({
      commitment: { status: 'CANCELLED' },
      errors: [],
    });
    const res = await charge(await tokens(platform).provider(p2), {
      commitmentId: c.id,
      amount: '1.00',
    });
    expect(res.data?.recordCharge.errors.map((e) => e.code)).toEqual(['NO_COMMITMENT']);
  });
});

describe('who may not issue or cancel', () => {
  it.each<[string, () => Promise<string | undefined>]>([
    ['anonymous', async () => undefined],
    ['the client', async () => tokens(platform).client(clientId)],
    [
      'a team member with consent',
      async () => {
        const member = await addTeamMember(platform, adviser, clientId);
        await grantConsent(platform, adviser, clientId, member.id);
        return tokens(platform).teamMember(member.id, clientId);
      },
    ],
    ['the provider itself', async () => tokens(platform).provider(DEMO.providerId)],
    ['organiser staff', async () => tokens(platform).organiser()],
    [
      'a municipal system',
      async () => moreTokens(platform).municipalSystem(DEMO.tampere, ['budgets:read']),
    ],
    ['a worker of another municipality', async () => tokens(platform).worker('536')],
  ])(
    'refuses issueCommitment and cancelCommitment to %s and changes nothing',
    async (_n, token) => {
      const t = await token();
      const existing = await issueCommitment(platform, adviser, {
        budgetId: budget.id,
        providerId: DEMO.providerId,
        amount: '1.00',
      });
      const before = await snapshot();
      const issued = await platform.gql(
        `mutation($i: IssueCommitmentInput!) { issueCommitment(input: $i) { commitment { id } errors { code } } }`,
        { i: { budgetId: budget.id, providerId: DEMO.providerId, amount: '1.00', reason: 'x' } },
        t ? { token: t } : {},
      );
      const cancelled = await platform.gql(
        `mutation($c: ID!) { cancelCommitment(commitmentId: $c, reason: "x") { commitment { id } errors { code } } }`,
        { c: existing.id },
        t ? { token: t } : {},
      );
      for (const res of [issued, cancelled]) {
        expect(res.data ?? null).toBeNull();
        expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.errors?.[0]?.extensions?.code);
      }
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe('commitments from an accepted plan', () => {
  it('issues one commitment per allocation, linked to it, and re-running changes nothing', async () => {
    const client = await createClient(platform, adviser, { firstName: 'Suunnitelma' });
    const b = await decideBudget(platform, adviser, client.id, { weeklyUnits: 2, weeks: 48 });
    const plan = await createPlan(platform, adviser, client.id);
    const { allocationIds } = await setAllocation(platform, adviser, plan.id, {
      budgetId: b.id,
      providerId: DEMO.providerId,
      amount: '1200.00',
    });
    const ISSUE = `mutation($p: ID!) { issuePlanCommitments(planId: $p) {
      commitments { id allocationId amount { amount } status } cancelledCount errors { code field } } }`;
    const draft = await platform.gql<{ issuePlanCommitments: { errors: Array<{ code: string }> } }>(
      ISSUE,
      { p: plan.id },
      { token: adviser },
    );
    expect(draft.data?.issuePlanCommitments.errors.map((e) => e.code)).toEqual([
      'PLAN_NOT_ACCEPTED',
    ]);
    const accepted = await platform.gql<{ acceptPlan: { errors: unknown[] } }>(
      `mutation($p: ID!) { acceptPlan(planId: $p) { errors { code } } }`,
      { p: plan.id },
      { token: await tokens(platform).client(client.id) },
    );
    expect(accepted.data?.acceptPlan.errors).toEqual([]);
    type Issued = {
      issuePlanCommitments: {
        commitments: Array<{ id: string; allocationId: string; amount: { amount: string } }>;
        cancelledCount: number;
        errors: unknown[];
      };
    };
    const first = await platform.gql<Issued>(ISSUE, { p: plan.id }, { token: adviser });
    expect(first.errors).toBeUndefined();
    expect(first.data?.issuePlanCommitments).toMatchObject({
      commitments: [{ allocationId: allocationIds[0], amount: { amount: '1200.00' } }],
      cancelledCount: 0,
      errors: [],
    });
    const again = await platform.gql<Issued>(ISSUE, { p: plan.id }, { token: adviser });
    expect(again.data?.issuePlanCommitments.commitments.map((c) => c.id)).toEqual(
      first.data?.issuePlanCommitments.commitments.map((c) => c.id),
    );
    for (const who of [
      await tokens(platform).client(client.id),
      await tokens(platform).organiser(),
      await tokens(platform).provider(DEMO.providerId),
      await tokens(platform).worker('536'),
    ]) {
      const refused = await platform.gql(ISSUE, { p: plan.id }, { token: who });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe("the provider's side and who may not see it", () => {
  const MINE = `{ myCommitments { totalCount edges { node { id clientFirstName budgetYear status
    remaining { amount } reason discretionaryReason budget { id } } } } }`;
  const CHARGES = `{ myCharges(first: 50) { totalCount edges { node { id status amount { amount }
    clientFirstName budgetYear disputeReason } } } }`;

  it('shows a provider its commitments and charges with the first name and year only', async () => {
    const provider = await tokens(platform).provider(DEMO.providerId);
    const mine = await platform.gql<{
      myCommitments: { edges: Array<{ node: Record<string, unknown> }> };
    }>(MINE, {}, { token: provider });
    expect(mine.errors).toBeUndefined();
    const node = mine.data!.myCommitments.edges.find((e) => e.node.clientFirstName === 'Sitoumus');
    expect(node?.node).toMatchObject({
      budgetYear: year,
      status: 'ACTIVE',
      reason: null,
      discretionaryReason: null,
      budget: null,
    });
    const charges = await platform.gql<{
      myCharges: {
        edges: Array<{ node: { id: string; status: string; disputeReason: string | null } }>;
      };
    }>(CHARGES, {}, { token: provider });
    expect(charges.errors).toBeUndefined();
    const pending = charges.data!.myCharges.edges.find((e) => e.node.status === 'PENDING')!;
    const rejected = await platform.gql(
      `mutation($t: ID!) { rejectCharge(transactionId: $t, reason: "Ohjaaja ei tullut") { errors { code } } }`,
      { t: pending.node.id },
      { token: await tokens(platform).client(clientId) },
    );
    expect(rejected.errors).toBeUndefined();
    const after = await platform.gql<{
      myCharges: {
        edges: Array<{ node: { id: string; status: string; disputeReason: string | null } }>;
      };
    }>(CHARGES, {}, { token: provider });
    expect(
      after.data!.myCharges.edges.find((e) => e.node.id === pending.node.id)?.node,
    ).toMatchObject({
      status: 'DISPUTED',
      disputeReason: 'Ohjaaja ei tullut',
    });
    const other = await platform.gql<{ myCharges: { edges: Array<{ node: { id: string } }> } }>(
      CHARGES,
      {},
      { token: await tokens(platform).provider(p2) },
    );
    expect(other.data!.myCharges.edges.map((e) => e.node.id)).not.toContain(pending.node.id);
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['anonymous', async () => undefined],
    ['the client', async () => tokens(platform).client(clientId)],
    [
      'a team member with consent',
      async () => {
        const member = await addTeamMember(platform, adviser, clientId);
        await grantConsent(platform, adviser, clientId, member.id);
        return tokens(platform).teamMember(member.id, clientId);
      },
    ],
    ['organiser staff', async () => tokens(platform).organiser()],
    ['the adviser', async () => adviser],
    [
      'a municipal system',
      async () => moreTokens(platform).municipalSystem(DEMO.tampere, ['budgets:read']),
    ],
  ])('refuses myCommitments and myCharges to %s', async (_name, token) => {
    const t = await token();
    for (const doc of [MINE, CHARGES]) {
      const res = await platform.gql(doc, {}, t ? { token: t } : {});
      expect(res.data ?? null).toBeNull();
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.errors?.[0]?.extensions?.code);
    }
  });

  it('answers PaymentCommitment._entities at the subgraph only to those who may read it', async () => {
    const c = await issueCommitment(platform, adviser, {
      budgetId: budget.id,
      providerId: DEMO.providerId,
      amount: '5.00',
    });
    const url = platform.services.find((s) => s.name === 'budgets')!.url;
    const entities = async (token?: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on PaymentCommitment { id clientFirstName reason } } }`,
          variables: { r: [{ __typename: 'PaymentCommitment', id: c.id }] },
        }),
      });
      return res.text();
    };
    for (const who of [
      undefined,
      await tokens(platform).provider(p2),
      await tokens(platform).organiser(),
      await tokens(platform).worker('536'),
      await tokens(platform).client(DEMO.essiClientId),
    ]) {
      const text = await entities(who);
      expect(text).not.toContain('Sitoumus');
      expect(text).not.toContain('Toteutussuunnitelman');
    }
    expect(await entities(adviser)).toContain('Sitoumus');
    const asPayee = await entities(await tokens(platform).provider(DEMO.providerId));
    expect(asPayee).toContain('Sitoumus');
    expect(asPayee).not.toContain('Toteutussuunnitelman');
  });
});
