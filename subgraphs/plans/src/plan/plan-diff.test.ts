import { diffVersions, revisionFindings, type VersionForDiff } from './plan-diff';

const base: VersionForDiff = {
  supportNeeds: 'Tuettu päätöksenteko',
  practicalPlan: 'Ohjaus ke',
  goals: [
    { lineageId: 'g1', description: 'Arjen taidot', indicator: null, reviewDates: [] },
    { lineageId: 'g2', description: 'Harrastus', indicator: null, reviewDates: [] },
  ],
  participants: [{ name: 'Essi', role: 'CLIENT', responsibility: null }],
  allocations: [
    {
      lineageId: 'a1',
      description: 'Päivätoiminta',
      budgetId: 'b',
      providerId: 'p',
      amountCents: 100_000,
    },
  ],
};

describe('diffVersions', () => {
  it.each<[string, Partial<VersionForDiff>, Array<[string, string, string | null, string | null]>]>(
    [
      ['nothing changed', {}, []],
      [
        'support needs rewritten',
        { supportNeeds: 'Selkokieli' },
        [['SUPPORT_NEEDS', 'CHANGED', 'Tuettu päätöksenteko', 'Selkokieli']],
      ],
      [
        'a goal added and one removed',
        {
          goals: [
            base.goals[0]!,
            { lineageId: 'g3', description: 'Työkokeilu', indicator: null, reviewDates: [] },
          ],
        },
        [
          ['GOAL', 'ADDED', null, 'Työkokeilu'],
          ['GOAL', 'REMOVED', 'Harrastus', null],
        ],
      ],
      [
        'a goal reworded keeps its lineage: changed, not removed and added',
        { goals: [{ ...base.goals[0]!, description: 'Arjen taidot kotona' }, base.goals[1]!] },
        [['GOAL', 'CHANGED', 'Arjen taidot', 'Arjen taidot kotona']],
      ],
      [
        'an allocation raised',
        { allocations: [{ ...base.allocations[0]!, amountCents: 150_000 }] },
        [['ALLOCATION', 'CHANGED', 'Päivätoiminta: 1000.00 €', 'Päivätoiminta: 1500.00 €']],
      ],
      [
        'an allocation moved to another provider (same text) is a change',
        { allocations: [{ ...base.allocations[0]!, providerId: 'q' }] },
        [['ALLOCATION', 'CHANGED', 'Päivätoiminta: 1000.00 €', 'Päivätoiminta: 1000.00 €']],
      ],
      [
        'a participant added',
        {
          participants: [
            ...base.participants,
            { name: 'Hanna', role: 'HB_ADVISER', responsibility: 'Suunnitelma' },
          ],
        },
        [['PARTICIPANT', 'ADDED', null, 'Hanna (HB_ADVISER): Suunnitelma']],
      ],
    ],
  )('%s', (_name, change, expected) => {
    expect(
      diffVersions(base, { ...base, ...change }).map((c) => [c.area, c.kind, c.before, c.after]),
    ).toEqual(expected);
  });
});

describe('revisionFindings', () => {
  const alloc = {
    budgetId: 'b',
    providerId: 'p',
    offeringId: 'o',
    amountCents: 100_000,
    discretionaryReason: null,
    serviceType: 'DAY',
  };
  const approved = { approvalStatus: 'APPROVED', offerings: [{ id: 'o', serviceTypeCode: 'DAY' }] };
  it.each<[string, Array<typeof alloc>, number | null, typeof approved | null, string[]]>([
    ['consistent', [alloc], 100_000, approved, []],
    [
      'a re-assessment lowered the budget below the allocations',
      [alloc, alloc],
      150_000,
      approved,
      ['OVER_BUDGET'],
    ],
    ['the budget is gone', [alloc], null, approved, ['BUDGET_NOT_FOUND']],
    [
      'the provider was suspended',
      [alloc],
      100_000,
      { ...approved, approvalStatus: 'SUSPENDED' },
      ['PROVIDER_NOT_APPROVED'],
    ],
    [
      'the provider dropped the offering',
      [alloc],
      100_000,
      { ...approved, offerings: [] },
      ['SERVICE_NOT_OFFERED'],
    ],
    [
      'a discretionary provider that was never approved stays consistent',
      [{ ...alloc, discretionaryReason: 'Tuttu avustaja' } as unknown as typeof alloc],
      100_000,
      { ...approved, approvalStatus: 'PENDING' },
      [],
    ],
  ])('%s', (_name, allocations, granted, provider, expected) => {
    expect(
      revisionFindings(
        allocations,
        new Map([['b', granted === null ? null : { grantedCents: granted }]]),
        new Map([['p', provider]]),
      ).map((f) => f.reason),
    ).toEqual(expected);
  });
});
