import { csvField, financeCsv, finnishAmount, FINANCE_CSV_HEADER } from './finance-csv';

describe('finnishAmount', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [123456, '1234,56'],
    [3712000, '37120,00'],
    [-5, '-0,05'],
  ])('%s cents → %s', (cents, text) => expect(finnishAmount(cents)).toBe(text));
});

describe('csvField', () => {
  it.each([
    ['Päivätoiminta Oy', 'Päivätoiminta Oy'],
    ['A; B', '"A; B"'],
    ['Sanottu "hyvä"', '"Sanottu ""hyvä"""'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+358', "'+358"],
    ['-1', "'-1"],
    ['@SUM', "'@SUM"],
    [null, ''],
  ])('%s → %s', (value, expected) => expect(csvField(value)).toBe(expected));
});

describe('financeCsv', () => {
  const csv = financeCsv(
    {
      reference: 'HB-837-000001',
      municipalityCode: '837',
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
      payeeId: 'p-1',
      payeeName: 'Ohjaus; Oy',
      payeeBusinessId: '1234567-1',
      payeeIban: 'FI2112345600000785',
      totalCents: 32050,
    },
    [
      {
        chargeId: 'c-1',
        serviceType: 'DAY_ACTIVITIES',
        serviceDate: '2026-10-02',
        confirmedOn: '2026-10-03',
        amountCents: 16000,
      },
      {
        chargeId: 'c-2',
        serviceType: 'DAY_ACTIVITIES',
        serviceDate: '2026-10-09',
        confirmedOn: '2026-10-10',
        amountCents: 16050,
      },
    ],
  );

  it('starts with a BOM and the Finnish header, separated by semicolons', () => {
    expect(csv.startsWith('\uFEFFMaksuerä;Kunta;')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${FINANCE_CSV_HEADER.join(';')}`);
  });

  it('has one row per charge with a decimal comma, a total row and CRLF line ends', () => {
    const rows = csv.split('\r\n');
    expect(rows).toEqual([
      expect.any(String),
      'HB-837-000001;837;2026-10-01;2026-10-31;"Ohjaus; Oy";p-1;1234567-1;FI2112345600000785;c-1;DAY_ACTIVITIES;2026-10-02;2026-10-03;160,00',
      'HB-837-000001;837;2026-10-01;2026-10-31;"Ohjaus; Oy";p-1;1234567-1;FI2112345600000785;c-2;DAY_ACTIVITIES;2026-10-09;2026-10-10;160,50',
      'HB-837-000001;837;2026-10-01;2026-10-31;"Ohjaus; Oy";p-1;1234567-1;FI2112345600000785;Yhteensä;;;;320,50',
      '',
    ]);
    for (const row of rows.slice(1, -1))
      expect(row.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)).toHaveLength(FINANCE_CSV_HEADER.length);
  });
});
