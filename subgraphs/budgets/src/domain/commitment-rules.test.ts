import {
  heldCents,
  judgeCommitment,
  planCommitmentChanges,
  uncommittedCents,
  type CommitmentRequest,
  type PayeeProvider,
  type PlanCommitment,
} from './commitment-rules';
import {
  NO_COMMITMENT,
  chargeStatus,
  judgeCharge,
  pickCommitment,
  type ChargeableCommitment,
} from './charge-rules';

const approved: PayeeProvider = {
  kind: 'COMPANY',
  approvalStatus: 'APPROVED',
  municipalitiesServed: ['837'],
  offerings: [{ id: 'o-day', serviceTypeCode: 'DAY_ACTIVITIES' }],
};
const taxi: PayeeProvider = {
  kind: 'COMPANY',
  approvalStatus: 'APPROVED',
  municipalitiesServed: ['837'],
  offerings: [{ id: 'o-taxi', serviceTypeCode: 'TRANSPORT' }],
};

const request = (over: Partial<CommitmentRequest> = {}): CommitmentRequest => ({
  budget: {
    year: 2026,
    status: 'ACTIVE',
    serviceTypeCode: 'DAY_ACTIVITIES',
    instrument: 'VOUCHER',
    municipalityCode: '837',
  },
  provider: approved,
  offeringId: null,
  amountCents: 100_00,
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  reason: 'Toteutussuunnitelman mukaan',
  discretionaryReason: null,
  uncommittedCents: 1000_00,
  ...over,
});
const cardBudget = { ...request().budget, serviceTypeCode: 'TRANSPORT', instrument: 'CARD' };

describe('heldCents and uncommittedCents', () => {
  it.each([
    ['ACTIVE', 100, 30, 100],
    ['USED_UP', 100, 100, 100],
    ['CANCELLED', 100, 30, 30],
    ['EXPIRED', 100, 0, 0],
  ] as const)('%s of %i with %i charged holds %i', (status, amountCents, chargedCents, held) => {
    expect(heldCents({ status, amountCents, chargedCents })).toBe(held);
  });

  it.each([
    // granted, lapsed, committed, spent, pending, on commitments → uncommitted
    [1000, 0, 0, 0, 0, 0, 1000],
    [1000, 0, 600, 100, 50, 150, 400],
    [1000, 0, 600, 300, 0, 150, 250], // 150 charged without a commitment
    [1000, 400, 600, 600, 0, 600, 0], // closed year
    [1000, 0, 1000, 200, 0, 0, 0], // never below zero
  ])('granted %i lapsed %i committed %i … → %i', (g, l, c, s, p, on, expected) => {
    expect(
      uncommittedCents({
        grantedCents: g,
        lapsedCents: l,
        committedCents: c,
        spentCents: s,
        pendingCents: p,
        chargedOnCommitmentsCents: on,
      }),
    ).toBe(expected);
  });
});

describe('judgeCommitment', () => {
  const codes = (r: CommitmentRequest) => judgeCommitment(r).map((e) => `${e.code}@${e.field}`);

  it.each<[string, Partial<CommitmentRequest>, string[]]>([
    ['an approved provider serving the municipality', {}, []],
    ['next year’s decided budget', { budget: { ...request().budget, status: 'DECIDED' } }, []],
    [
      'a closed budget',
      { budget: { ...request().budget, status: 'CLOSED' } },
      ['BUDGET_NOT_ACTIVE@input.budgetId'],
    ],
    ['zero', { amountCents: 0 }, ['VALIDATION@input.amount']],
    ['more than uncommitted', { amountCents: 1000_01 }, ['OVER_BUDGET@input.amount']],
    ['exactly uncommitted', { amountCents: 1000_00 }, []],
    ['validity before the year', { validFrom: '2025-12-31' }, ['OUTSIDE_VALIDITY@input.validFrom']],
    ['validity after the year', { validTo: '2027-01-01' }, ['OUTSIDE_VALIDITY@input.validFrom']],
    [
      'validity backwards',
      { validFrom: '2026-07-01', validTo: '2026-06-30' },
      ['OUTSIDE_VALIDITY@input.validFrom'],
    ],
    ['validity already over (late billing before closing)', { validTo: '2026-05-31' }, []],
    ['no reason', { reason: '  ' }, ['VALIDATION@input.reason']],
    [
      "the organiser's own unit, even with a reason",
      { provider: { ...approved, kind: 'ORGANISER_OWN' }, discretionaryReason: 'x' },
      ['PROVIDER_NOT_ALLOWED@input.providerId'],
    ],
    [
      'a rejected provider, even with a reason',
      { provider: { ...approved, approvalStatus: 'REJECTED' }, discretionaryReason: 'x' },
      ['PROVIDER_NOT_ALLOWED@input.providerId'],
    ],
    [
      'a suspended provider',
      { provider: { ...approved, approvalStatus: 'SUSPENDED' } },
      ['PROVIDER_NOT_ALLOWED@input.providerId'],
    ],
    [
      'a pending provider without a reason',
      { provider: { ...approved, approvalStatus: 'PENDING' } },
      ['DISCRETIONARY_REASON_REQUIRED@input.discretionaryReason'],
    ],
    [
      'a pending provider with a reason',
      { provider: { ...approved, approvalStatus: 'PENDING' }, discretionaryReason: 'Ainoa' },
      [],
    ],
    [
      'a provider outside the municipality without a reason',
      { provider: { ...approved, municipalitiesServed: ['536'] } },
      ['DISCRETIONARY_REASON_REQUIRED@input.discretionaryReason'],
    ],
    [
      'a provider that does not offer the service, with a reason',
      { provider: taxi, discretionaryReason: 'Kuljettaa päivätoimintaan' },
      [],
    ],
    [
      'a day-activity provider on the HB card',
      { budget: cardBudget, discretionaryReason: 'x' },
      ['PROVIDER_NOT_ALLOWED@input.providerId'],
    ],
    ['a taxi on the HB card', { budget: cardBudget, provider: taxi }, []],
    [
      'financial support on the HB card',
      { budget: cardBudget, provider: null },
      ['PROVIDER_NOT_ALLOWED@input.providerId'],
    ],
    ['financial support to the client', { provider: null }, []],
    ['an offering of another provider', { offeringId: 'o-x' }, ['NOT_FOUND@input.offeringId']],
    [
      'an offering of another service',
      {
        provider: { ...approved, offerings: [...approved.offerings, ...taxi.offerings] },
        offeringId: 'o-taxi',
      },
      ['VALIDATION@input.offeringId'],
    ],
    ['its own offering', { offeringId: 'o-day' }, []],
  ])('%s', (_name, over, expected) => {
    expect(codes(request(over))).toEqual(expected);
  });
});

const commitment = (over: Partial<ChargeableCommitment> = {}): ChargeableCommitment => ({
  id: 'c1',
  budgetId: 'b1',
  providerId: 'p1',
  status: 'ACTIVE',
  amountCents: 500_00,
  chargedCents: 100_00,
  validFrom: '2026-02-01',
  validTo: '2026-11-30',
  ...over,
});

describe('pickCommitment', () => {
  const pick = (
    candidates: ChargeableCommitment[],
    q: { commitmentId?: string; budgetId?: string; providerId?: string },
  ) => {
    const r = pickCommitment(candidates, {
      providerId: q.providerId ?? 'p1',
      commitmentId: q.commitmentId ?? null,
      budgetId: q.budgetId ?? null,
    });
    return 'error' in r ? r.error.code : r.commitment.id;
  };

  it.each<[string, ChargeableCommitment[], Parameters<typeof pick>[1], string]>([
    ['named, own', [commitment()], { commitmentId: 'c1' }, 'c1'],
    ['named, on the named budget', [commitment()], { commitmentId: 'c1', budgetId: 'b1' }, 'c1'],
    [
      'named, other budget named',
      [commitment()],
      { commitmentId: 'c1', budgetId: 'b2' },
      'NO_COMMITMENT',
    ],
    [
      "named, another provider's",
      [commitment()],
      { commitmentId: 'c1', providerId: 'p2' },
      'NO_COMMITMENT',
    ],
    ['named, unknown', [], { commitmentId: 'c9' }, 'NO_COMMITMENT'],
    [
      'named, ended: judged later',
      [commitment({ status: 'CANCELLED' })],
      { commitmentId: 'c1' },
      'c1',
    ],
    [
      'the only active one on the budget',
      [commitment(), commitment({ id: 'c2', status: 'CANCELLED' })],
      { budgetId: 'b1' },
      'c1',
    ],
    ['none on the budget', [commitment()], { budgetId: 'b2' }, 'NO_COMMITMENT'],
    [
      'only an ended one: judged later',
      [commitment({ status: 'EXPIRED' })],
      { budgetId: 'b1' },
      'c1',
    ],
    [
      "only another provider's",
      [commitment({ providerId: 'p2' })],
      { budgetId: 'b1' },
      'NO_COMMITMENT',
    ],
    [
      'two active ones',
      [commitment(), commitment({ id: 'c2' })],
      { budgetId: 'b1' },
      'COMMITMENT_REQUIRED',
    ],
    ['neither named', [commitment()], {}, 'NO_COMMITMENT'],
  ])('%s', (_name, candidates, q, expected) => {
    expect(pick(candidates, q)).toBe(expected);
  });

  it('answers every miss with the same error, byte for byte', () => {
    const misses = [
      pickCommitment([], { providerId: 'p1', commitmentId: null, budgetId: 'random' }),
      pickCommitment([commitment({ providerId: 'p2' })], {
        providerId: 'p1',
        commitmentId: null,
        budgetId: 'b1',
      }),
      pickCommitment([commitment({ providerId: 'p2' })], {
        providerId: 'p1',
        commitmentId: 'c1',
        budgetId: null,
      }),
    ];
    for (const m of misses)
      expect(JSON.stringify(m)).toBe(JSON.stringify({ error: NO_COMMITMENT }));
  });
});

describe('judgeCharge', () => {
  const judge = (over: Partial<Parameters<typeof judgeCharge>[0]> = {}) =>
    judgeCharge({
      commitment: commitment(),
      budgetStatus: 'ACTIVE',
      amountCents: 400_00,
      serviceDate: '2026-06-01',
      today: '2026-06-02',
      ...over,
    })?.code ?? 'OK';

  it.each<[string, Partial<Parameters<typeof judgeCharge>[0]>, string]>([
    ['exactly the remaining amount', {}, 'OK'],
    ['a cent over the remaining amount', { amountCents: 400_01 }, 'OVER_COMMITMENT'],
    ['on the first day of validity', { serviceDate: '2026-02-01' }, 'OK'],
    ['on the last day of validity', { serviceDate: '2026-11-30', today: '2026-12-01' }, 'OK'],
    ['before validity', { serviceDate: '2026-01-31' }, 'OUTSIDE_VALIDITY'],
    ['after validity', { serviceDate: '2026-12-01', today: '2026-12-02' }, 'OUTSIDE_VALIDITY'],
    ['in the future', { serviceDate: '2026-06-03' }, 'OUTSIDE_VALIDITY'],
    ['today', { serviceDate: '2026-06-02' }, 'OK'],
    ['a closed budget', { budgetStatus: 'CLOSED' }, 'BUDGET_NOT_ACTIVE'],
    ["next year's budget before it starts", { budgetStatus: 'DECIDED' }, 'BUDGET_NOT_ACTIVE'],
    [
      'a cancelled commitment',
      { commitment: commitment({ status: 'CANCELLED' }) },
      'NO_COMMITMENT',
    ],
    ['an expired commitment', { commitment: commitment({ status: 'EXPIRED' }) }, 'NO_COMMITMENT'],
    [
      'a used-up commitment',
      { commitment: commitment({ status: 'USED_UP', chargedCents: 500_00 }), amountCents: 1 },
      'OVER_COMMITMENT',
    ],
  ])('%s', (_name, over, expected) => {
    expect(judge(over)).toBe(expected);
  });

  it('never tells the budget balance', () => {
    const refusal = judgeCharge({
      commitment: commitment(),
      budgetStatus: 'ACTIVE',
      amountCents: 1_000_000_00,
      serviceDate: '2026-06-01',
      today: '2026-06-02',
    });
    expect(refusal?.message).not.toMatch(/\d/);
  });
});

describe('planCommitmentChanges', () => {
  const existing = (over: Partial<PlanCommitment> = {}): PlanCommitment => ({
    id: 'c1',
    budgetId: 'b1',
    providerId: 'p1',
    offeringId: null,
    planId: 'plan-1',
    allocationId: 'a1',
    amountCents: 1000,
    chargedCents: 200,
    ...over,
  });
  const allocation = (over: Partial<Parameters<typeof planCommitmentChanges>[0][0]> = {}) => ({
    id: 'a1',
    budgetId: 'b1',
    providerId: 'p1',
    offeringId: null,
    amountCents: 1000,
    ...over,
  });
  const summary = (changes: ReturnType<typeof planCommitmentChanges>) => ({
    cancel: changes.cancel.map((c) => c.id),
    adjust: changes.adjust.map(
      (x) => `${x.commitment.id}→${x.allocation.id}:${x.allocation.amountCents}`,
    ),
    create: changes.create.map((a) => a.id),
    belowCharged: changes.belowCharged.map((x) => x.commitment.id),
  });

  it.each<[string, ReturnType<typeof allocation>[], PlanCommitment[], ReturnType<typeof summary>]>([
    [
      'first issue',
      [allocation()],
      [],
      { cancel: [], adjust: [], create: ['a1'], belowCharged: [] },
    ],
    [
      'the same plan again',
      [allocation()],
      [existing()],
      { cancel: [], adjust: [], create: [], belowCharged: [] },
    ],
    [
      'a new version with the same provider and more money',
      [allocation({ id: 'a2', amountCents: 1500 })],
      [existing()],
      { cancel: [], adjust: ['c1→a2:1500'], create: [], belowCharged: [] },
    ],
    [
      'a new version that switched provider',
      [allocation({ id: 'a2', providerId: 'p2' })],
      [existing()],
      { cancel: ['c1'], adjust: [], create: ['a2'], belowCharged: [] },
    ],
    [
      'an allocation below what was charged',
      [allocation({ amountCents: 100 })],
      [existing()],
      { cancel: [], adjust: [], create: [], belowCharged: ['c1'] },
    ],
    [
      'an allocation without a provider',
      [allocation({ providerId: null })],
      [],
      { cancel: [], adjust: [], create: [], belowCharged: [] },
    ],
    [
      'two allocations to one provider keep one commitment each',
      [allocation({ id: 'a2' }), allocation({ id: 'a3', amountCents: 50 })],
      [existing()],
      { cancel: [], adjust: ['c1→a2:1000'], create: ['a3'], belowCharged: [] },
    ],
    [
      'a commitment issued singly to the provider becomes the plan’s',
      [allocation({ id: 'a2' })],
      [existing({ planId: null, allocationId: null })],
      { cancel: [], adjust: ['c1→a2:1000'], create: [], belowCharged: [] },
    ],
    [
      'a commitment issued singly to another provider stays as it is',
      [allocation({ id: 'a2', providerId: 'p2' })],
      [existing({ planId: null, allocationId: null })],
      { cancel: [], adjust: [], create: ['a2'], belowCharged: [] },
    ],
    [
      'the same provider with another offering keeps the commitment',
      [allocation({ id: 'a2', offeringId: 'o2' })],
      [existing()],
      { cancel: [], adjust: ['c1→a2:1000'], create: [], belowCharged: [] },
    ],
    [
      'the same offering is preferred over the same provider',
      [allocation({ id: 'a2', offeringId: 'o2' })],
      [
        existing({ allocationId: 'x' }),
        existing({ id: 'c2', allocationId: 'y', offeringId: 'o2' }),
      ],
      { cancel: ['c1'], adjust: ['c2→a2:1000'], create: [], belowCharged: [] },
    ],
  ])('%s', (_name, allocations, commitments, expected) => {
    expect(summary(planCommitmentChanges(allocations, commitments))).toEqual(expected);
  });
});

describe('chargeStatus', () => {
  it.each([
    ['PENDING_CONFIRMATION', 'PENDING'],
    ['CONFIRMED', 'CONFIRMED'],
    ['REJECTED', 'DISPUTED'],
  ])('%s → %s', (ledger, expected) => expect(chargeStatus(ledger)).toBe(expected));
});
