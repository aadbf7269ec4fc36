import ExcelJS from 'exceljs';
import { csvField, toCsv } from './csv';
import { exportTable, exportTables } from './tables';
import { toXlsx } from './xlsx';

/** A report as the federated query answers it: one service shown, one suppressed. */
const report = {
  municipalityCode: '837',
  year: 2026,
  costs: [
    {
      serviceType: { code: 'DAY_ACTIVITIES', name: 'Päiväaikainen toiminta' },
      suppressed: false,
      clientCount: 31,
      budgetCount: 31,
      granted: { amount: '476160.00' },
      paidOut: { amount: '238080.50' },
      spent: { amount: '120000.25' },
      pending: { amount: '0.00' },
      lapsed: { amount: '0.00' },
    },
    {
      serviceType: { code: 'TRANSPORT', name: 'Kuljetus' },
      suppressed: true,
      clientCount: null,
      budgetCount: null,
      granted: null,
      paidOut: null,
      spent: null,
      pending: null,
      lapsed: null,
    },
  ],
  costsByGroup: [],
  totalCost: {
    suppressed: true,
    clientCount: null,
    budgetCount: null,
    granted: null,
    paidOut: null,
    spent: null,
    pending: null,
    lapsed: null,
  },
  forecast: {
    asOf: '2026-11-30',
    suppressed: false,
    clientCount: 34,
    granted: { amount: '500000.00' },
    spent: { amount: '400000.00' },
    pending: { amount: '1000.00' },
    projected: { amount: '36000.10' },
    lapsing: { amount: '62999.90' },
  },
  providers: [
    {
      provider: { id: 'p1', name: '=HYPERLINK("x")' },
      suppressed: false,
      clientCount: 12,
      chargeCount: 40,
      spent: { amount: '100.00' },
      pending: { amount: '0.00' },
    },
  ],
  alerts: [],
  providerSwitches: { suppressed: true, count: null, clientCount: null, reasons: [] },
  goals: {
    suppressed: false,
    clientCount: 30,
    goalCount: 60,
    reviewCount: 90,
    averageAttainment: 2.5,
    overdueShare: 0.1667,
  },
  feedback: [],
};

describe('CSV for Finnish and Swedish Excel', () => {
  it('starts with a BOM and separates with ; and writes decimal commas', () => {
    const csv = toCsv(exportTable(report, 'costs', 'fi'), 'fi');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '"Palvelu";"Palvelun nimi";"Asiakkaita";"Budjetteja";"Myönnetty (€)";"Maksettu (€)";"Käytetty (€)";"Odottaa hyväksyntää (€)";"Rauennut (€)"',
      '"DAY_ACTIVITIES";"Päiväaikainen toiminta";31;31;476160,00;238080,50;120000,25;0,00;0,00',
      '"TRANSPORT";"Kuljetus";"suojattu";"suojattu";"suojattu";"suojattu";"suojattu";"suojattu";"suojattu"',
      '"";"Yhteensä";"suojattu";"suojattu";"suojattu";"suojattu";"suojattu";"suojattu";"suojattu"',
      '',
    ]);
  });

  it('has Swedish headers and words', () => {
    const lines = toCsv(exportTable(report, 'costs', 'sv'), 'sv')
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toMatch(/^"Tjänst";"Tjänstens namn";"Klienter";"Budgetar";"Beviljat \(€\)"/);
    expect(lines[3]).toBe(
      '"";"Totalt";"skyddad";"skyddad";"skyddad";"skyddad";"skyddad";"skyddad";"skyddad"',
    );
  });

  it('writes shares and means with a decimal comma, and a missing figure as an empty field', () => {
    const goals = toCsv(exportTable(report, 'goals', 'fi'), 'fi')
      .slice(1)
      .split('\r\n');
    expect(goals[1]).toBe('30;60;90;2,5;0,1667');
    expect(csvField(null, 'fi')).toBe('');
  });

  it('never lets a text run as a formula', () => {
    const providers = toCsv(exportTable(report, 'providers', 'fi'), 'fi');
    expect(providers).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('XLSX', () => {
  const read = async (lang: 'fi' | 'sv') => {
    const buffer = await toXlsx(exportTables(report, lang), lang, 'Raportti 837 2026');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    return workbook;
  };

  it('has one sheet per table, in order, named in the language', async () => {
    expect((await read('fi')).worksheets.map((w) => w.name)).toEqual([
      'Kustannukset',
      'Asiakasryhmät',
      'Ennuste',
      'Palveluntuottajat',
      'Vaihdot',
      'Hälytykset',
      'Tavoitteet',
      'Palaute',
    ]);
    expect((await read('sv')).worksheets.map((w) => w.name)[2]).toBe('Prognos');
  });

  it('stores figures as numbers with a number format, and a suppressed figure as text', async () => {
    const costs = (await read('fi')).getWorksheet('Kustannukset')!;
    expect(costs.getRow(2).values).toEqual([
      undefined,
      'Palvelu',
      'Palvelun nimi',
      'Asiakkaita',
      'Budjetteja',
      'Myönnetty (€)',
      'Maksettu (€)',
      'Käytetty (€)',
      'Odottaa hyväksyntää (€)',
      'Rauennut (€)',
    ]);
    const granted = costs.getRow(3).getCell(5);
    expect(granted.type).toBe(ExcelJS.ValueType.Number);
    expect(granted.value).toBe(476160);
    expect(granted.numFmt).toBe('#,##0.00 "€"');
    expect(costs.getRow(3).getCell(6).value).toBe(238080.5);
    const clients = costs.getRow(3).getCell(3);
    expect([clients.type, clients.value, clients.numFmt]).toEqual([
      ExcelJS.ValueType.Number,
      31,
      '0',
    ]);
    const hidden = costs.getRow(4).getCell(5);
    expect([hidden.type, hidden.value]).toEqual([ExcelJS.ValueType.String, 'suojattu']);
    expect(costs.getRow(5).getCell(2).value).toBe('Yhteensä');
  });

  it('gives the forecast in euros as numbers', async () => {
    const sheet = (await read('sv')).getWorksheet('Prognos')!;
    expect(sheet.getRow(2).getCell(7).value).toBe('Beräknat förfallande (€)');
    const lapsing = sheet.getRow(3).getCell(7);
    expect([lapsing.type, lapsing.value]).toEqual([ExcelJS.ValueType.Number, 62999.9]);
    const share = (await read('fi')).getWorksheet('Tavoitteet')!.getRow(3).getCell(5);
    expect([share.value, share.numFmt]).toEqual([0.1667, '0.0 %']);
  });

  it('keeps a formula-like name a plain text', async () => {
    const cell = (await read('fi')).getWorksheet('Palveluntuottajat')!.getRow(3).getCell(2);
    expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, '=HYPERLINK("x")']);
  });
});
