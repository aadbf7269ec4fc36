import {
  batchReference,
  batchStep,
  checkPeriod,
  planBatches,
  type SettleableCharge,
} from './batching';

const charge = (id: string, payeeId: string, amountCents: number, serviceDate = '2026-03-01') => ({
  id,
  payeeId,
  amountCents,
  serviceDate,
  serviceType: 'DAY_ACTIVITIES',
  confirmedAt: new Date('2026-03-02T10:00:00Z'),
});
const shape = (charges: SettleableCharge[]) =>
  planBatches(charges).map((b) => [b.payeeId, b.lines.map((l) => l.id), b.totalCents]);

describe('planBatches', () => {
  it.each<[string, SettleableCharge[], unknown[]]>([
    ['nothing to settle: no batches', [], []],
    ['one charge: one batch', [charge('a', 'P1', 100)], [['P1', ['a'], 100]]],
    [
      'one batch per payee, lines of each payee together',
      [charge('a', 'P2', 100), charge('b', 'P1', 250), charge('c', 'P2', 5)],
      [
        ['P1', ['b'], 250],
        ['P2', ['a', 'c'], 105],
      ],
    ],
    [
      'lines in service-date order, then id',
      [
        charge('z', 'P1', 1, '2026-03-05'),
        charge('y', 'P1', 2, '2026-03-01'),
        charge('x', 'P1', 3, '2026-03-05'),
      ],
      [['P1', ['y', 'x', 'z'], 6]],
    ],
    [
      'sums exact in cents, also for large batches',
      Array.from({ length: 1000 }, (_, i) =>
        charge(`c${String(i).padStart(4, '0')}`, 'P1', 333_333),
      ),
      [
        [
          'P1',
          Array.from({ length: 1000 }, (_, i) => `c${String(i).padStart(4, '0')}`),
          333_333_000,
        ],
      ],
    ],
  ])('%s', (_name, charges, expected) => {
    expect(shape(charges)).toEqual(expected);
  });

  it('gives the same batches for the same charges in any order', () => {
    const charges = [
      charge('a', 'P2', 1),
      charge('b', 'P1', 2),
      charge('c', 'P2', 3, '2026-01-01'),
    ];
    expect(planBatches([...charges].reverse())).toEqual(planBatches(charges));
  });

  it.each([
    ['zero', [charge('a', 'P1', 0)]],
    ['negative', [charge('a', 'P1', -1)]],
    ['fraction of a cent', [charge('a', 'P1', 1.5)]],
    ['the same charge twice', [charge('a', 'P1', 1), charge('a', 'P1', 1)]],
  ])('refuses %s', (_name, charges) => {
    expect(() => planBatches(charges)).toThrow(RangeError);
  });
});

describe('checkPeriod', () => {
  const today = '2026-11-30';
  it.each([
    ['2026-10-01', '2026-10-31', { ok: true, from: '2026-10-01', to: '2026-10-31' }],
    ['2026-11-30', '2026-11-30', { ok: true, from: '2026-11-30', to: '2026-11-30' }],
    ['2026-11-01', '2026-12-31', { ok: true, from: '2026-11-01', to: '2026-12-31' }],
    ['2024-01-01', '2024-12-31', { ok: true, from: '2024-01-01', to: '2024-12-31' }],
  ])('accepts %s – %s', (from, to, expected) => {
    expect(checkPeriod(from, to, today)).toEqual(expected);
  });

  it.each([
    ['2026-10-31', '2026-10-01', 'VALIDATION', 'input.to'],
    ['2026-02-30', '2026-03-01', 'VALIDATION', 'input.from'],
    ['1.10.2026', '2026-10-31', 'VALIDATION', 'input.from'],
    ['2026-10-01', '', 'VALIDATION', 'input.to'],
    ['1999-12-31', '2000-01-01', 'VALIDATION', 'input.from'],
    ['2025-01-01', '2026-01-02', 'VALIDATION', 'input.to'],
    ['2026-12-01', '2026-12-31', 'PERIOD_NOT_STARTED', 'input.from'],
  ])('refuses %s – %s with %s on %s', (from, to, code, field) => {
    expect(checkPeriod(from, to, today)).toMatchObject({ ok: false, code, field });
  });
});

describe('batchStep', () => {
  it.each([
    ['CREATED', 'EXPORT', { ok: true, to: 'EXPORTED', first: true }],
    ['EXPORTED', 'EXPORT', { ok: true, to: 'EXPORTED', first: false }],
    ['PAID', 'EXPORT', { ok: false, code: 'ALREADY_PAID' }],
    ['CREATED', 'MARK_PAID', { ok: false, code: 'NOT_EXPORTED' }],
    ['EXPORTED', 'MARK_PAID', { ok: true, to: 'PAID', first: true }],
    ['PAID', 'MARK_PAID', { ok: false, code: 'ALREADY_PAID' }],
  ] as const)('%s + %s', (status, action, expected) => {
    expect(batchStep(status, action)).toMatchObject(expected);
  });
});

describe('batchReference', () => {
  it.each([
    ['837', 1, 'HB-837-000001'],
    ['020', 123456, 'HB-020-123456'],
    ['837', 12345678, 'HB-837-12345678'],
  ])('%s #%s is %s', (municipality, number, expected) => {
    expect(batchReference(municipality, number)).toBe(expected);
    expect(expected.length).toBeLessThanOrEqual(35);
  });
});
