/// <reference lib="dom" />
/**
 * Financial support in a real browser (issue 15 item 6), at a phone's 375×667 and a desktop's
 * 1280×800: the client sends an expense with a PDF receipt on her own page; her HB adviser opens
 * the receipt on the client's page and approves it; the client sees it approved. Every page:
 * no WCAG 2.1 AA violation (axe-core) and no GraphQL error reaches the browser.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  createClient,
  decideBudget,
  startTestPlatform,
  tokens,
  type TestPlatform,
} from '../testkit';
import { checkPage, launchBrowser, newPage } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
let adviser: string;
let clientId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

beforeAll(async () => {
  platform = await startTestPlatform();
  base = platform.gatewayUrl.replace(/\/graphql$/, '/');
  browser = await launchBrowser();
  adviser = await tokens(platform).adviser();
  const client = await createClient(platform, adviser, { firstName: 'Kuitti' });
  clientId = client.id;
  const budget = await decideBudget(platform, adviser, clientId, { weeklyUnits: 2, weeks: 48 });
  const issued = await platform.gql<{ issueCommitment: { errors: unknown[] } }>(
    `mutation($i: IssueCommitmentInput!) { issueCommitment(input: $i) { errors { code } } }`,
    {
      i: {
        budgetId: budget.id,
        payeeKind: 'CLIENT',
        amount: '200.00',
        reason: 'Taloudellinen tuki lähiverkoston apuun',
      },
    },
    { token: adviser },
  );
  expect(issued.data?.issueCommitment.errors).toEqual([]);
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

/** Puts a session where the UI keeps it, then opens `path`. */
async function openAs(
  page: Page,
  session: { token: string; role: string; name: string; clientId?: string },
  path: string,
) {
  await page.goto(`${base}sign-in`);
  await page.evaluate((s) => sessionStorage.setItem('hb.session', JSON.stringify(s)), session);
  await page.goto(`${base}${path}`);
}

describe.each([
  { name: 'phone', width: 375, height: 667, amount: '12,40', description: 'Bussiliput' },
  { name: 'desktop', width: 1280, height: 800, amount: '30', description: 'Uimahalli' },
])('financial support at $width px', ({ name, width, height, amount, description }) => {
  it('the client sends an expense with a receipt; her adviser opens the receipt and approves it', async () => {
    const client = await newPage(browser);
    await client.page.setViewportSize({ width, height });
    await openAs(
      client.page,
      {
        token: await tokens(platform).client(clientId),
        role: 'CLIENT',
        name: 'Kuitti',
        clientId,
      },
      'me',
    );
    const section = client.page.getByTestId('expenses');
    await section.getByRole('heading', { level: 2, name: 'Kulut ja kuitit' }).waitFor();
    await section.getByLabel('Summa (€)').fill(amount);
    await section.getByLabel('Mitä ostit?').fill(description);
    await section.getByLabel('Tilinomistaja').fill('Kuitti Asiakas');
    await section.getByLabel('Tilinumero (IBAN)').fill('FI21 1234 5600 0007 85');
    // A file that is not a receipt is refused, and the form keeps what was typed.
    await section.getByLabel(/^Kuitti/).setInputFiles({
      name: 'kuitti.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf at all'),
    });
    await section.getByRole('button', { name: 'Lähetä kulu' }).click();
    await section
      .getByText('The receipt must be a JPEG or PNG image or a PDF file.')
      .first()
      .waitFor();
    expect(await section.getByLabel('Mitä ostit?').inputValue()).toBe(description);
    await section.getByLabel(/^Kuitti/).setInputFiles({
      name: 'kuitti.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await section.getByRole('button', { name: 'Lähetä kulu' }).click();
    await section.getByText('Kulu lähetetty. Työntekijäsi käsittelee sen.').waitFor();
    await section
      .getByTestId('expense')
      .filter({ hasText: description })
      .getByText('Odottaa käsittelyä')
      .waitFor();
    await checkPage(client.page, `80-expense-sent-${name}`);

    const staff = await newPage(browser);
    await staff.page.setViewportSize({ width, height });
    await openAs(
      staff.page,
      { token: adviser, role: 'ADVISER', name: 'HB-neuvoja', clientId: undefined },
      `clients/${clientId}`,
    );
    const own = staff.page.getByTestId('expenses');
    const item = own.getByTestId('expense').filter({ hasText: description });
    await item.waitFor();
    const [download] = await Promise.all([
      staff.page.waitForEvent('download'),
      item.getByRole('button', { name: 'Avaa kuitti: kuitti.pdf' }).click(),
    ]);
    expect(fs.readFileSync((await download.path())!).equals(PDF)).toBe(true);
    await checkPage(staff.page, `81-expense-to-approve-${name}`);
    await item.getByRole('button', { name: 'Hyväksy' }).click();
    await own.getByText('Kulu käsitelty.').waitFor();
    await item.getByText('Hyväksytty').waitFor();

    await client.page.reload();
    await client.page
      .getByTestId('expense')
      .filter({ hasText: description })
      .getByText('Hyväksytty')
      .waitFor();
    expect(client.problems).toEqual([]);
    expect(staff.problems).toEqual([]);
    await client.context.close();
    await staff.context.close();
  }, 180_000);
});
