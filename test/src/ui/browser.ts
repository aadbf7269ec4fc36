/// <reference lib="dom" />
/**
 * Shared helpers of the browser tests: Debian's Chromium through playwright-core, a page that
 * collects problems (page errors, console errors, GraphQL errors), axe-core with the WCAG 2.1 A
 * and AA rules, screenshots under test-artifacts/screenshots/, and the development sign-in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(__dirname, '../../../test-artifacts/screenshots');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A fresh browser context (its own session storage: its own signed-in user). */
export async function newPage(browser: Browser): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'fi-FI',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('response', (res) => {
    if (!res.url().endsWith('/graphql')) return;
    void res
      .text()
      .then((text) => {
        const body = JSON.parse(text) as { errors?: Array<{ message: string; path?: unknown }> };
        for (const e of body.errors ?? [])
          problems.push(`graphql: ${e.message} ${JSON.stringify(e.path ?? '')}`);
      })
      .catch(() => undefined);
  });
  return { context, page, problems };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core with the WCAG 2.1 A and AA rules; returns readable violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  // The CSP forbids inline scripts; evaluating through the DevTools protocol is not affected.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, WCAG_AA);
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} – ${n.failureSummary ?? ''}`).join('\n  ')}`,
  );
}

/** A screenshot for review, and no WCAG 2.1 AA violation. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
}

/**
 * The tests' shortcut: signs in with the development sign-in (`POST /dev/token`) as the demo
 * user of `userLabel` (Finnish label). The real sign-in, through the local OpenID provider, is
 * tested in sign-in.e2e.ts.
 */
export async function signIn(
  page: Page,
  base: string,
  userLabel: string,
  landingHeading: string,
): Promise<void> {
  await page.goto(`${base}sign-in`);
  await page.getByRole('heading', { level: 1, name: 'Kirjautuminen' }).waitFor();
  await page.getByLabel('Käyttäjä').selectOption({ label: userLabel });
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await page.getByRole('heading', { level: 1, name: landingHeading }).waitFor();
}

/** Text without any whitespace (Intl uses no-break spaces in amounts). */
export const compact = (text: string | null | undefined): string => (text ?? '').replace(/\s/g, '');
