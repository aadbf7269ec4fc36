import type { PayeeProvider, PlanCommitment, PlanCommitmentChanges } from '../domain';
import {
  judgePlanChanges,
  type JudgedAllocation,
  type JudgedBudget,
  type PlanJudgementRequest,
} from './plan-commitment-judge';

const provider: PayeeProvider = {
  kind: 'COMPANY',
  approvalStatus: 'APPROVED',
  municipalitiesServed: ['837'],
  offerings: [
    { id: 'o-day', serviceTypeCode: 'DAY_ACTIVITIES' },
    { id: 'o-club', serviceTypeCode: 'DAY_ACTIVITIES' },
  ],
};
const budget: JudgedBudget = {
  id: 'b1',
  year: 2026,
  status: 'ACTIVE',
  serviceTypeCode: 'DAY_ACTIVITIES',
  instrument: 'VOUCHER',
  municipalityCode: '837',
};
const allocation = (id: string, amountCents: number, over: Partial<JudgedAllocation> = {}) => ({
  id,
  budgetId: 'b1',
  providerId: 'p1',
  offeringId: 'o-day',
  amountCents,
  discretionaryReason: null,
  ...over,
});
const commitment = (id: string, amountCents: number, over: Partial<PlanCommitment> = {}) => ({
  id,
  budgetId: 'b1',
  providerId: 'p1',
  offeringId: 'o-day',
  planId: 'plan',
  allocationId: null,
  amountCents,
  chargedCents: 0,
  ...over,
});
const none: PlanCommitmentChanges = { cancel: [], adjust: [], create: [], belowCharged: [] };

const judge = (
  changes: Partial<PlanCommitmentChanges>,
  uncommitted: number,
  over: Partial<PlanJudgementRequest> = {},
) => {
  const all = { ...none, ...changes };
  const allocations = [
    ...all.create,
    ...all.adjust.map((x) => x.allocation),
    ...all.belowCharged.map((x) => x.allocation),
  ].map((a) => ({ discretionaryReason: null, ...a }));
  return judgePlanChanges({
    allocations,
    changes: all,
    budgets: new Map([['b1', budget]]),
    providers: new Map([['p1', provider]]),
    uncommitted: new Map([['b1', uncommitted]]),
    ...over,
  }).map((e) => `${e.code} ${e.field}`);
};

describe('judgePlanChanges', () => {
  it.each<[string, Partial<PlanCommitmentChanges>, number, string[]]>([
    [
      'a new commitment within what is uncommitted',
      { create: [allocation('a', 300_00)] },
      300_00,
      [],
    ],
    [
      'a new commitment over it',
      { create: [allocation('a', 300_01)] },
      300_00,
      ['OVER_BUDGET allocations[0]'],
    ],
    [
      'two new ones that fit only one by one',
      { create: [allocation('a', 200_00), allocation('b', 200_00)] },
      300_00,
      ['OVER_BUDGET allocations[1]'],
    ],
    [
      'a new one paid by a cancelled commitment’s unused part',
      {
        create: [allocation('a', 300_00)],
        cancel: [commitment('c', 500_00, { chargedCents: 300_00 })],
      },
      100_00,
      [],
    ],
    [
      'an increase judged by its difference only',
      { adjust: [{ commitment: commitment('c', 400_00), allocation: allocation('a', 500_00) }] },
      100_00,
      [],
    ],
    [
      'a decrease releasing room for a new one',
      {
        adjust: [{ commitment: commitment('c', 400_00), allocation: allocation('a', 100_00) }],
        create: [allocation('b', 300_00)],
      },
      0,
      [],
    ],
    [
      'an offering change with nothing uncommitted (judged as one cent with one more)',
      {
        adjust: [
          {
            commitment: commitment('c', 400_00),
            allocation: allocation('a', 400_00, { offeringId: 'o-club' }),
          },
        ],
      },
      0,
      [],
    ],
    [
      'an offering the provider does not have',
      {
        adjust: [
          {
            commitment: commitment('c', 400_00),
            allocation: allocation('a', 400_00, { offeringId: 'o-x' }),
          },
        ],
      },
      0,
      ['NOT_FOUND allocations[0]'],
    ],
    [
      'an allocation below what its commitment was charged',
      {
        belowCharged: [
          {
            commitment: commitment('c', 400_00, { chargedCents: 300_00 }),
            allocation: allocation('a', 200_00),
          },
        ],
      },
      0,
      ['ALLOCATION_BELOW_CHARGED allocations[0]'],
    ],
    [
      'an unknown provider',
      { create: [allocation('a', 100_00, { providerId: 'p2' })] },
      500_00,
      ['NOT_FOUND allocations[0]'],
    ],
    [
      'a budget that is not locked',
      { create: [allocation('a', 100_00, { budgetId: 'b2' })] },
      500_00,
      ['NOT_FOUND allocations[0]'],
    ],
  ])('%s', (_name, changes, uncommitted, expected) => {
    expect(judge(changes, uncommitted)).toEqual(expected);
  });

  it('judges an ended budget as taking no commitments', () => {
    expect(
      judge({ create: [allocation('a', 100_00)] }, 500_00, {
        budgets: new Map([['b1', { ...budget, status: 'ENDED' }]]),
      }),
    ).toEqual(['BUDGET_NOT_ACTIVE allocations[0]']);
  });
});
