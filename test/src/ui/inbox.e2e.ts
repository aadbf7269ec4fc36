/// <reference lib="dom" />
/**
 * Alerts that work and concerns that reach someone (issue 17 item 4) in a real browser at 375
 * and 1280 px: a provider raises a concern about Essi and her own worker finds it in her inbox
 * (Saapuneet), marks it read and gets it as an e-mail in the local mail catcher (once: the
 * second concern waits for the hourly digest); an adviser watching a client's page sees the under-use and
 * lapse alerts resolve themselves when the charge that fixes their condition arrives. WCAG 2.1
 * AA checked on every page.
 */
import type { Browser } from 'playwright-core';
import { DEMO, todayInFinland } from '@hb/kit';
import {
  makeWorldClient,
  marker,
  recordCharge,
  startTestPlatform,
  tokens,
  type TestPlatform,
} from '../testkit';
import { checkPage, launchBrowser, newPage, signIn } from './browser';

let platform: TestPlatform;
let browser: Browser;
let base: string;
const WORKER_EMAIL = 'olli.omatyontekija@hb.test';

interface Mail {
  subject: string;
  text: string;
  to: Array<{ address: string }>;
}

/** The worker's e-mails in the mail catcher, through its REST API. */
async function mails(): Promise<Mail[]> {
  const res = await fetch(`${platform.mailCatcherUrl!}/api/email`);
  return ((await res.json()) as Mail[]).filter((m) => m.to.some((t) => t.address === WORKER_EMAIL));
}

beforeAll(async () => {
  // E-mail through the local mail catcher, looked at every second.
  platform = await startTestPlatform({
    localMailCatcher: true,
    env: { NOTIFY_INTERVAL_MS: '1000' },
  });
  // The own worker (the demo world's Olli) wants e-mail of her inbox, hourly.
  const res = await platform.gql<{ setNotificationSettings: { errors: unknown[] } }>(
    `mutation { setNotificationSettings(input: { email: "${WORKER_EMAIL}", enabled: true }) { errors { code } } }`,
    {},
    { token: await tokens(platform).worker() },
  );
  expect(res.data?.setNotificationSettings.errors).toEqual([]);
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
  { name: 'phone', width: 375, height: 667 },
  { name: 'desktop', width: 1280, height: 800 },
])('at $width px', (size) => {
  it("a provider's concern reaches the own worker's inbox", async () => {
    const text = marker('Essi on jäänyt pois kolme kertaa peräkkäin ');
    const provider = await newPage(browser);
    await provider.page.setViewportSize(size);
    await signIn(provider.page, base, 'Palveluntuottaja', 'Kirjaa veloitus');
    await provider.page.getByRole('link', { name: 'Ilmoita huolesta' }).click();
    await provider.page.getByRole('heading', { level: 1, name: 'Ilmoita huolesta' }).waitFor();
    const form = provider.page.getByRole('form', { name: 'Ilmoita huolesta' });
    const commitment = form.getByLabel('Asiakas ja maksusitoumus');
    const essi = await commitment
      .locator('option', { hasText: 'Essi' })
      .first()
      .getAttribute('value');
    await commitment.selectOption(essi!);
    await form
      .getByLabel('Huolen aihe')
      .selectOption({ label: 'Palvelu ei vastaa asiakkaan tarpeisiin' });
    await form.getByLabel('Mitä huomasit').fill(text);
    await form.getByRole('button', { name: 'Lähetä omatyöntekijälle' }).click();
    await provider.page.getByText('Huoli välitettiin asiakkaan omatyöntekijälle.').waitFor();
    await checkPage(provider.page, `concern-sent-${size.name}`);
    await provider.context.close();

    const worker = await newPage(browser);
    await worker.page.setViewportSize(size);
    await signIn(worker.page, base, 'Omatyöntekijä – Tampere', 'Asiakaslista');
    await worker.page.getByRole('link', { name: 'Saapuneet' }).click();
    await worker.page.getByRole('heading', { level: 1, name: 'Saapuneet' }).waitFor();
    const item = worker.page.locator('li.inbox-item', { hasText: text });
    await item.waitFor();
    expect(await item.locator('h2').textContent()).toBe(
      'Palveluntuottajan huoli: palvelu ei vastaa asiakkaan tarpeisiin',
    );
    expect(await item.getByRole('link').textContent()).toBe('Asiakas: Essi Esimerkki');
    await checkPage(worker.page, `inbox-${size.name}`);
    await item.getByRole('button', { name: 'Merkitse luetuksi' }).click();
    await item.getByText('Luettu').waitFor();

    // E-mail: the first concern (phone run) is mailed at once, naming no client; the second
    // (desktop run) waits for the hourly digest, so the worker gets no second e-mail now.
    if (size.name === 'phone') {
      for (let i = 0; (await mails()).length === 0; i++) {
        if (i > 300) throw new Error('no e-mail arrived');
        await new Promise((r) => setTimeout(r, 100));
      }
    } else {
      await new Promise((r) => setTimeout(r, 3000));
    }
    const received = await mails();
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toMatch(/^HB-keskus: \d+ (uusi viesti|uutta viestiä)$/);
    expect(received[0]!.text).toContain(
      'Palveluntuottajan huoli: palvelu ei vastaa asiakkaan tarpeisiin',
    );
    expect(received[0]!.text).not.toContain('Essi');

    // Her e-mail settings are on the same page; on the desktop she switches to a daily digest.
    const settings = worker.page.getByRole('form', { name: 'Sähköposti-ilmoitukset' });
    expect(await settings.getByLabel('Sähköpostiosoite').inputValue()).toBe(WORKER_EMAIL);
    expect(
      await settings.getByRole('checkbox', { name: /Lähetä minulle sähköpostia/ }).isChecked(),
    ).toBe(true);
    if (size.name === 'desktop') {
      await settings.getByRole('checkbox', { name: /Kerran päivässä/ }).check();
      await settings.getByRole('button', { name: 'Tallenna' }).click();
      await settings.getByText('Tallennettu.').waitFor();
      const mine = await platform.gql<{ myNotificationSettings: { daily: boolean } }>(
        '{ myNotificationSettings { daily } }',
        {},
        { token: await tokens(platform).worker() },
      );
      expect(mine.data?.myNotificationSettings.daily).toBe(true);
    }
    expect(worker.problems).toEqual([]);
    await worker.context.close();
  }, 180_000);

  it('an alert is acknowledged, then resolves itself after the charge that fixes its condition', async () => {
    const adviserToken = await tokens(platform).adviser();
    const world = await makeWorldClient(platform, adviserToken);
    const adviser = await newPage(browser);
    await adviser.page.setViewportSize(size);
    await signIn(adviser.page, base, 'Neuvoja – HB-keskus (Pirkanmaa)', 'Asiakaslista');
    await adviser.page.goto(`${base}clients/${world.id}`);
    const alerts = adviser.page.locator('ul.alerts li');
    // Late in the year with almost nothing used: the budget is under-used.
    await alerts.filter({ hasText: 'Budjettia on käytetty' }).first().waitFor();
    await adviser.page.locator('.live-badge').first().waitFor();
    await checkPage(adviser.page, `alert-open-${size.name}`);

    // She acknowledges the under-use alert with a note; it stays listed, acknowledged.
    const underuse = alerts.filter({ hasText: 'Budjettia on käytetty' }).first();
    await underuse.getByLabel('Mitä tehtiin tai sovittiin').fill('Soitettu, palvelu alkaa.');
    await underuse.getByRole('button', { name: 'Kuittaa hälytys' }).click();
    await underuse.getByText('Kuitattu: Soitettu, palvelu alkaa.').waitFor();

    // The provider charges most of the budget: use catches up with the year.
    const granted = Number(world.budget.granted);
    const provider = await tokens(platform).provider(DEMO.providerId);
    await recordCharge(platform, provider, {
      budgetId: world.budget.id,
      providerId: DEMO.providerId,
      commitmentId: world.commitment.id,
      amount: (Math.floor(granted * 0.9 * 100) / 100 - 20).toFixed(2),
      serviceDate: todayInFinland(),
    });
    await adviser.page.getByText('Ei hälytyksiä.').waitFor({ timeout: 30_000 });
    expect(await alerts.count()).toBe(0);
    await adviser.context.close();
  }, 180_000);
});
