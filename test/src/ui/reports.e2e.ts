/// <reference lib="dom" />
/**
 * The organiser's report page in a real browser at 375 and 1280 px (issue 18 item 4): Tampere
 * staff see the year-end forecast in euros (the demo cohort makes the figures showable) and
 * download the Excel workbook, which a maintained reader (exceljs) opens with numeric cells;
 * in Swedish the page and the workbook are Swedish. axe-core checks WCAG 2.1 AA.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../testkit';
import { checkPage, launchBrowser, newPage, signIn } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
const ORGANISER = 'Järjestäjä – Tampere';
const thisYear = new Date().getFullYear();
const EURO = /^[\d\s\u00a0]+,\d\d\s€$/;

/** A downloaded file's bytes as the ArrayBuffer exceljs reads. */
function bytes(file: string): ArrayBuffer {
  const b = fs.readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  base = platform.gatewayUrl.replace(/\/graphql$/, '/');
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

afterEach(() => {
  if (expect.getState().assertionCalls !== expect.getState().numPassingAsserts) {
    console.log(platform.logs.slice(-60).join('\n'));
  }
});

describe.each([
  { name: 'mobile', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 900 },
])('the report page at $width px', (size) => {
  it('shows the forecast in euros and downloads the XLSX', async () => {
    const { context, page, problems } = await newPage(browser);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signIn(page, base, ORGANISER, 'Hyväksyntäjono');
    await page.goto(`${base}reports`);
    await page.getByRole('heading', { level: 1, name: 'Raportit' }).waitFor();
    const report = page.getByRole('region', { name: `Tampere (837) ${thisYear}` });
    await report.waitFor();
    const forecast = report.getByRole('region', { name: 'Ennuste vuoden lopussa raukeavasta' });
    await forecast.waitFor();
    const figure = async (name: string) =>
      ((await forecast.locator(`[data-report="${name}"]`).textContent()) ?? '').trim();
    expect(await figure('forecastLapsing')).toMatch(EURO);
    expect(await figure('forecastProjected')).toMatch(EURO);
    expect(await report.locator('[data-report="hbClientCount"]').textContent()).toBe('37');
    // Cost by client group (HB class): Essi and twelve of the cohort at day activities level 5.
    const groups = report.getByRole('table', {
      name: 'Kustannukset asiakasryhmittäin (HB-luokka)',
    });
    const level5 = groups.locator('tr', { has: page.getByRole('cell', { name: 'Luokka 5' }) });
    expect(await level5.locator('td.num').first().textContent()).toBe('13');
    await checkPage(page, `reports-forecast-${size.name}`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: 'Lataa Excel-tiedosto (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`report-837-${thisYear}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes((await download.path())!));
    const sheet = workbook.getWorksheet('Ennuste')!;
    expect(sheet.getRow(2).getCell(7).value).toBe('Arvioitu raukeava (€)');
    const lapsing = sheet.getRow(3).getCell(7);
    expect(lapsing.type).toBe(ExcelJS.ValueType.Number);
    // The same euros as the page shows (the export computes nothing of its own).
    const shown = Number(
      (await figure('forecastLapsing')).replace(/[^\d,]/g, '').replace(',', '.'),
    );
    expect(lapsing.value).toBe(shown);
    await report.getByText(`Ladattu: report-837-${thisYear}.xlsx`).waitFor();

    // In Swedish the page and the workbook's headers are Swedish.
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
    await report
      .getByRole('region', { name: 'Prognos över det som förfaller vid årets slut' })
      .waitFor();
    const [swedish] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: 'Ladda ner Excel-fil (XLSX)' }).click(),
    ]);
    const sv = new ExcelJS.Workbook();
    await sv.xlsx.load(bytes((await swedish.path())!));
    expect(sv.worksheets.map((w) => w.name).slice(0, 3)).toEqual([
      'Kostnader',
      'Klientgrupper',
      'Prognos',
    ]);
    await checkPage(page, `reports-forecast-sv-${size.name}`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
