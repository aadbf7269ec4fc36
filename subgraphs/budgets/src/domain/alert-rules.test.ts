import { DEFAULT_ALERT_THRESHOLDS, evaluateAlerts, medianCents } from './alert-rules';
import type { AlertInput, AlertKind, AlertThresholds, ChargeFact } from './alert-rules';

/** Writes expected texts readably: `_` stands for the no-break space U+00A0. */
const nb = (text: string): string => text.replace(/_/g, '\u00a0');

// 36 500 € in 2026 (365 days): on 2026-08-08, 219 days have passed, exactly 60 % of the year.
const base: AlertInput = {
  today: '2026-08-08',
  year: 2026,
  grantedCents: 3650000,
  spentCents: 1825000,
  charges: [],
};
const LEAP_GRANTED = 3660000;

const kindsOf = (input: Partial<AlertInput>, thresholds?: AlertThresholds): AlertKind[] =>
  evaluateAlerts({ ...base, ...input }, thresholds).map((alert) => alert.kind);

const charge = (id: string, cents: number, serviceDate = '2026-08-01'): ChargeFact => ({
  id,
  cents,
  serviceDate,
});

describe('DEFAULT_ALERT_THRESHOLDS', () => {
  it('has the agreed values and cannot be changed', () => {
    expect(DEFAULT_ALERT_THRESHOLDS).toEqual({
      minElapsedShare: 0.25,
      underuseGap: 0.25,
      overuseGap: 0.2,
      minHistory: 3,
      abnormalFactor: 3,
      lapseShare: 0.15,
    });
    expect(Object.isFrozen(DEFAULT_ALERT_THRESHOLDS)).toBe(true);
  });
});

describe('UNDERUSE', () => {
  it.each<[string, Partial<AlertInput>, AlertKind[]]>([
    ['10 % used at 60 %', { spentCents: 365000 }, ['UNDERUSE']],
    ['just under 35 % used at 60 %', { spentCents: 1277499 }, ['UNDERUSE']],
    ['exactly 35 % used at 60 % (boundary)', { spentCents: 1277500 }, []],
    ['50 % used at 60 %', { spentCents: 1825000 }, []],
    ['nothing used, 91 days passed (24.9 %)', { today: '2026-04-02', spentCents: 0 }, []],
    ['nothing used, 92 days passed (25.2 %)', { today: '2026-04-03', spentCents: 0 }, ['UNDERUSE']],
    ['nothing used before the year', { today: '2025-12-01', spentCents: 0 }, []],
    ['granted 0', { grantedCents: 0, spentCents: 0 }, []],
  ])('%s → %j', (_name, input, kinds) => {
    expect(kindsOf(input)).toEqual(kinds);
  });

  it('explains with numbers and dedupes per month', () => {
    expect(evaluateAlerts({ ...base, spentCents: 365000 })).toEqual([
      {
        kind: 'UNDERUSE',
        key: 'UNDERUSE:2026-08',
        message: nb(
          'Budjettia on käytetty 10_% (3_650,00_€ / 36_500,00_€), vaikka vuodesta on kulunut 60_%.',
        ),
      },
    ]);
  });

  it('files an alert after the year under December of the budget year', () => {
    const alerts = evaluateAlerts({ ...base, today: '2027-01-10', spentCents: 0 });
    expect(alerts.map((a) => a.key)).toEqual(['UNDERUSE:2026-12']);
  });

  it.each([
    [0.6, ['UNDERUSE']],
    [0.61, []],
  ])('minElapsedShare %d at exactly 60 % elapsed → %j', (minElapsedShare, kinds) => {
    const thresholds = { ...DEFAULT_ALERT_THRESHOLDS, minElapsedShare };
    expect(kindsOf({ spentCents: 0 }, thresholds)).toEqual(kinds);
  });
});

describe('OVERUSE', () => {
  it.each<[string, Partial<AlertInput>, AlertKind[]]>([
    ['exactly 80 % used at 60 % (boundary)', { spentCents: 2920000 }, []],
    ['a cent over 80 % at 60 %', { spentCents: 2920001 }, ['OVERUSE']],
    ['25 % used before the year starts', { today: '2025-12-15', spentCents: 912500 }, ['OVERUSE']],
    ['all used on the last day', { today: '2026-12-31', spentCents: 3650000 }, []],
    ['120 % used on the last day', { today: '2026-12-31', spentCents: 4380000 }, ['OVERUSE']],
    ['200 % used after the year', { today: '2027-01-01', spentCents: 7300000 }, []],
    ['granted 0 with spending', { grantedCents: 0, spentCents: 100000 }, []],
  ])('%s → %j', (_name, input, kinds) => {
    expect(kindsOf(input)).toEqual(kinds);
  });

  it('explains with numbers', () => {
    expect(evaluateAlerts({ ...base, spentCents: 2920001 })).toEqual([
      {
        kind: 'OVERUSE',
        key: 'OVERUSE:2026-08',
        message: nb(
          'Budjettia on käytetty 80_% (29_200,01_€ / 36_500,00_€), ' +
            'vaikka vuodesta on kulunut vasta 60_%.',
        ),
      },
    ]);
  });

  // In floating point 1/365 + 0.15 < 557500/3650000, though the two are equal as decimals.
  it.each([
    [557500, []],
    [557501, ['OVERUSE']],
  ])('treats a share equal to the threshold as equal (%i spent)', (spentCents, kinds) => {
    const thresholds = { ...DEFAULT_ALERT_THRESHOLDS, overuseGap: 0.15 };
    expect(kindsOf({ today: '2026-01-02', spentCents }, thresholds)).toEqual(kinds);
  });

  it('files an alert before the year under January of the budget year', () => {
    const alerts = evaluateAlerts({ ...base, today: '2025-12-15', spentCents: 912500 });
    expect(alerts.map((a) => a.key)).toEqual(['OVERUSE:2026-01']);
  });
});

describe('leap years', () => {
  it.each<[string, Partial<AlertInput>, AlertKind[]]>([
    // By April 2nd, 92 of 366 days (25.1 %) have passed in 2024 but 91 of 365 (24.9 %) in 2023.
    ['2024-04-02, nothing used', { year: 2024, today: '2024-04-02', spentCents: 0 }, ['UNDERUSE']],
    ['2023-04-02, nothing used', { year: 2023, today: '2023-04-02', spentCents: 0 }, []],
    // 2024-07-02 is exactly half of the leap year.
    ['2024-07-02, 25 % used', { year: 2024, today: '2024-07-02', spentCents: 915000 }, []],
    [
      '2024-07-02, under 25 %',
      { year: 2024, today: '2024-07-02', spentCents: 914999 },
      ['UNDERUSE'],
    ],
    ['2024-07-02, 70 % used', { year: 2024, today: '2024-07-02', spentCents: 2562000 }, []],
    [
      '2024-07-02, over 70 %',
      { year: 2024, today: '2024-07-02', spentCents: 2562001 },
      ['OVERUSE'],
    ],
    ['2024-02-29 is a valid day', { year: 2024, today: '2024-02-29', spentCents: 0 }, []],
  ])('%s → %j', (_name, input, kinds) => {
    expect(kindsOf({ grantedCents: LEAP_GRANTED, ...input })).toEqual(kinds);
  });

  it('reports half of a leap year as 50 %', () => {
    const [alert] = evaluateAlerts({
      ...base,
      year: 2024,
      today: '2024-07-02',
      grantedCents: LEAP_GRANTED,
      spentCents: 0,
    });
    expect(alert?.message).toBe(
      nb('Budjettia on käytetty 0_% (0,00_€ / 36_600,00_€), vaikka vuodesta on kulunut 50_%.'),
    );
  });
});

describe('ABNORMAL_CHARGE', () => {
  const history = [charge('a', 10000), charge('b', 20000), charge('c', 30000)];

  it.each<[string, ChargeFact[], ChargeFact | undefined, AlertKind[]]>([
    ['no new charge', history, undefined, []],
    ['exactly 3 × median (boundary)', history, charge('n', 60000), []],
    ['a cent over 3 × median', history, charge('n', 60001), ['ABNORMAL_CHARGE']],
    [
      'even history, median of the middle two',
      [...history, charge('d', 40000)],
      charge('n', 75000),
      [],
    ],
    [
      'even history, over',
      [...history, charge('d', 40000)],
      charge('n', 75001),
      ['ABNORMAL_CHARGE'],
    ],
    ['too little history', history.slice(0, 2), charge('n', 1000000), []],
    [
      'new charge in the list is not history',
      [...history.slice(0, 2), charge('n', 99999)],
      charge('n', 99999),
      [],
    ],
    ['no history, dated today', [], charge('n', 1000000, '2026-08-08'), []],
    ['no history, dated tomorrow', [], charge('n', 100, '2026-08-09'), ['ABNORMAL_CHARGE']],
  ])('%s → %j', (_name, charges, newCharge, kinds) => {
    expect(kindsOf({ charges, newCharge })).toEqual(kinds);
  });

  it('checks charges even when nothing is granted', () => {
    expect(kindsOf({ grantedCents: 0, charges: history, newCharge: charge('n', 99999) })).toEqual([
      'ABNORMAL_CHARGE',
    ]);
  });

  it.each([
    [2, 40001, ['ABNORMAL_CHARGE']],
    [2, 40000, []],
    [2.5, 50001, ['ABNORMAL_CHARGE']],
  ])('abnormalFactor %d, charge %i → %j', (abnormalFactor, cents, kinds) => {
    const thresholds = { ...DEFAULT_ALERT_THRESHOLDS, abnormalFactor };
    expect(kindsOf({ charges: history, newCharge: charge('n', cents) }, thresholds)).toEqual(kinds);
  });

  const largeReason = (cents: string): string =>
    `Veloitus ${cents}_€ on yli 3 kertaa niin suuri kuin 3 aiemman veloituksen mediaani 200,00_€.`;

  it('explains a large charge and keys it by transaction', () => {
    const alerts = evaluateAlerts({ ...base, charges: history, newCharge: charge('tx-9', 60001) });
    expect(alerts).toEqual([
      { kind: 'ABNORMAL_CHARGE', key: 'ABNORMAL_CHARGE:tx-9', message: nb(largeReason('600,01')) },
    ]);
  });

  it('gives every reason in one alert', () => {
    const alerts = evaluateAlerts({
      ...base,
      charges: history,
      newCharge: charge('tx-9', 70000, '2026-12-01'),
    });
    const future =
      'Veloitus 700,00_€ on päivätty tulevaisuuteen: palvelupäivä 1.12.2026, tänään on 8.8.2026.';
    expect(alerts).toEqual([
      {
        kind: 'ABNORMAL_CHARGE',
        key: 'ABNORMAL_CHARGE:tx-9',
        message: nb(`${future} ${largeReason('700,00')}`),
      },
    ]);
  });

  it('throws on a malformed service date', () => {
    expect(() => evaluateAlerts({ ...base, newCharge: charge('n', 1, '2026-02-30') })).toThrow(
      RangeError,
    );
  });
});

describe('YEAR_END_LAPSE_AHEAD', () => {
  // 85 % used: no underuse or overuse from October on, so only the lapse rule can fire.
  it.each<[string, Partial<AlertInput>, AlertKind[]]>([
    ['Sep 30, 15 % + 1 cent left', { today: '2026-09-30', spentCents: 3102499 }, []],
    [
      'Oct 1, 15 % + 1 cent left',
      { today: '2026-10-01', spentCents: 3102499 },
      ['YEAR_END_LAPSE_AHEAD'],
    ],
    ['Oct 1, exactly 15 % left (boundary)', { today: '2026-10-01', spentCents: 3102500 }, []],
    [
      'Dec 31, 15 % + 1 cent left',
      { today: '2026-12-31', spentCents: 3102499 },
      ['YEAR_END_LAPSE_AHEAD'],
    ],
    ['Jan 1 next year', { today: '2027-01-01', spentCents: 3102499 }, []],
    ['October of the year before', { today: '2025-10-15', spentCents: 0 }, []],
    ['granted 0', { today: '2026-11-01', grantedCents: 0, spentCents: 0 }, []],
  ])('%s → %j', (_name, input, kinds) => {
    expect(kindsOf(input)).toEqual(kinds);
  });

  it('explains with numbers and dedupes per month', () => {
    expect(evaluateAlerts({ ...base, today: '2026-12-01', spentCents: 3102499 })).toEqual([
      {
        kind: 'YEAR_END_LAPSE_AHEAD',
        key: 'YEAR_END_LAPSE_AHEAD:2026-12',
        message: nb(
          'Budjetista on jäljellä 15_% (5_475,01_€ / 36_500,00_€). ' +
            'Käyttämätön osa raukeaa 31.12.2026.',
        ),
      },
    ]);
  });

  it.each([
    [0.5, 1825001, []],
    [0.5, 1824999, ['YEAR_END_LAPSE_AHEAD']],
  ])('lapseShare %d with %i spent → %j', (lapseShare, spentCents, kinds) => {
    const thresholds = { ...DEFAULT_ALERT_THRESHOLDS, lapseShare, underuseGap: 1 };
    expect(kindsOf({ today: '2026-10-01', spentCents }, thresholds)).toEqual(kinds);
  });
});

describe('evaluateAlerts', () => {
  it('returns every applicable alert in a fixed order', () => {
    const alerts = evaluateAlerts({
      ...base,
      today: '2026-11-15',
      spentCents: 100000,
      newCharge: charge('tx-1', 5000, '2026-11-16'),
    });
    expect(alerts.map((a) => a.key)).toEqual([
      'UNDERUSE:2026-11',
      'ABNORMAL_CHARGE:tx-1',
      'YEAR_END_LAPSE_AHEAD:2026-11',
    ]);
  });

  it.each(['2026-8-8', '2026-02-29', 'today'])('throws for today = %s', (today) => {
    expect(() => evaluateAlerts({ ...base, today })).toThrow(RangeError);
    expect(() => evaluateAlerts({ ...base, today, grantedCents: 0 })).toThrow(RangeError);
  });
});

describe('medianCents', () => {
  it.each([
    [[], 0],
    [[5], 5],
    [[3, 1, 2], 2],
    [[1, 3], 2],
    [[1, 2], 2],
    [[10, 1, 100, 5], 8],
  ])('%j → %i', (amounts, median) => {
    expect(medianCents(amounts)).toBe(median);
  });
});
