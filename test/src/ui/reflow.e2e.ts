/// <reference lib="dom" />
/**
 * Phone first on every route (issue 16, item 8): each route of the admin UI (web-admin/src/App.tsx)
 * opened as the role that uses it — the public catalogue and provider pages without sign-in, the
 * adviser's and the worker's pages, the organiser's, the provider's, the client's own pages and her
 * team member's view — at 320 px wide, in Finnish, Swedish, English and plain Finnish. On each:
 * no horizontal scrolling (WCAG 1.4.10: `scrollWidth` at most the viewport's width), no WCAG 2.1
 * AA violation (axe-core), and buttons, form fields and menu links at least 44 px high (touch
 * targets). The list of routes is read from App.tsx, so a new route fails here until it is
 * visited. A few key pages are also photographed at 375×667 and 1280×800 for review.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@hb/kit';
import { startTestPlatform, type TestPlatform } from '../testkit';
import { axeViolations, launchBrowser, newPage, SCREENSHOTS } from './browser';

type Role = 'ADVISER' | 'WORKER' | 'ORGANISER' | 'CLIENT' | 'TEAM_MEMBER' | 'PROVIDER';
type Who = Role | 'PUBLIC';
const LANGUAGES = ['fi', 'sv', 'en', 'selko'] as const;

interface Visit {
  /** The route's `path` in App.tsx. */
  route: string;
  who: Who;
  /** The address opened (defaults to the route). */
  url?: string;
}

/** Every route as the role (or roles) that use it. */
const VISITS: Visit[] = [
  { route: '/', who: 'PUBLIC' },
  { route: '/sign-in', who: 'PUBLIC' },
  { route: '/auth/callback', who: 'PUBLIC' },
  { route: '/providers', who: 'PUBLIC' },
  { route: '/providers/compare', who: 'PUBLIC' },
  { route: '/providers/:id', who: 'PUBLIC', url: `/providers/${DEMO.providerId}` },
  { route: '*', who: 'PUBLIC', url: '/no-such-page' },
  { route: '/clients', who: 'ADVISER' },
  { route: '/clients/:id', who: 'ADVISER', url: `/clients/${DEMO.essiClientId}` },
  { route: '/caseload', who: 'ADVISER' },
  { route: '/inbox', who: 'ADVISER' },
  { route: '/calculator', who: 'ADVISER' },
  { route: '/complaints', who: 'ADVISER' },
  { route: '/caseload', who: 'WORKER' },
  { route: '/inbox', who: 'WORKER' },
  { route: '/clients/:id', who: 'WORKER', url: `/clients/${DEMO.essiClientId}` },
  { route: '/clients', who: 'ORGANISER' },
  { route: '/approvals', who: 'ORGANISER' },
  { route: '/reports', who: 'ORGANISER' },
  { route: '/year-end', who: 'ORGANISER' },
  { route: '/settlements', who: 'ORGANISER' },
  { route: '/calculator', who: 'ORGANISER' },
  { route: '/charge', who: 'PROVIDER' },
  { route: '/concern', who: 'PROVIDER' },
  { route: '/bank-account', who: 'PROVIDER' },
  { route: '/complaints', who: 'PROVIDER' },
  { route: '/my-listing', who: 'PROVIDER' },
  { route: '/providers', who: 'PROVIDER' },
  { route: '/me', who: 'CLIENT' },
  { route: '/me/plan', who: 'CLIENT' },
  { route: '/me/team', who: 'CLIENT' },
  { route: '/me/log', who: 'CLIENT' },
  { route: '/inbox', who: 'CLIENT' },
  { route: '/me', who: 'TEAM_MEMBER' },
  { route: '/me/plan', who: 'TEAM_MEMBER' },
  { route: '/inbox', who: 'TEAM_MEMBER' },
];

const APP_TSX = path.resolve(__dirname, '../../../web-admin/src/App.tsx');

/** The `path`s of App.tsx's routes. */
function appRoutes(): string[] {
  const source = fs.readFileSync(APP_TSX, 'utf8');
  return [...source.matchAll(/<Route\s[^>]*?path="([^"]+)"/g)].map((m) => m[1] ?? '');
}

let platform: TestPlatform;
let browser: Browser;
let base: string;
/** Providers of the public catalogue, for the compare view. */
let comparedIds: string[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  base = platform.gatewayUrl.replace(/\/graphql$/, '');
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

/** Waits until the page has its heading and no part of it says it is still loading. */
async function settle(page: Page): Promise<void> {
  await page
    .locator('main h1')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch((e: unknown) => {
      throw new Error(`${page.url()}: no heading (${String(e)})`);
    });
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        !/Ladataan|Laddar|Loading|Viimeistellään|Finishing|Slutför/.test(
          document.querySelector('main')?.textContent ?? '',
        ),
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
}

/** Signs in with the development sign-in as the demo user of `role`. */
async function signIn(page: Page, role: Role): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.locator('select[name="user"]').selectOption(role);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 });
  await settle(page);
}

/** What sticks out of a 320 px page (for the failure message). */
async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= window.innerWidth) return null;
    const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 6)
      .map((el) => {
        const label = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
        return `${label} (${Math.round(el.getBoundingClientRect().right)} px)`;
      });
    return `${width} px wide: ${wide.join(', ')}`;
  });
}

/** Buttons, form fields and the menu's links smaller than a 44 px touch target. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      'button',
      '[role="button"]',
      'input:not([type="hidden"]):not([type="checkbox"]):not([type="radio"])',
      'select',
      'nav a',
    ].join(',');
    // A checkbox or a radio button is pressed through its label: the label is the target.
    const choices = Array.from(
      document.querySelectorAll<HTMLElement>('input[type="checkbox"], input[type="radio"]'),
    ).map((input) => (input as HTMLInputElement).labels?.[0] ?? input);
    return [...Array.from(document.querySelectorAll<HTMLElement>(selector)), ...choices]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return false; // not shown
        if (el.closest('.visually-hidden, .skip-link')) return false;
        return r.height < 43.5 || r.width < 43.5;
      })
      .slice(0, 6)
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = (el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('name') || '';
        return `${el.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`;
      });
  });
}

async function open(page: Page, url: string): Promise<void> {
  await page.goto(`${base}${url}`);
  try {
    await settle(page);
  } catch {
    // Other sessions rebuild the UI on this shared machine: a page loaded while its script
    // files were being replaced stays blank. A page without a heading twice is a failure.
    await page.goto(`${base}${url}`);
    await settle(page);
  }
}

function urlOf(visit: Visit): string {
  if (visit.route === '/providers/compare')
    return `/providers/compare?ids=${comparedIds.join(',')}`;
  return visit.url ?? visit.route;
}

describe('every route reflows at 320 px and passes axe in every language', () => {
  it('visits every route of App.tsx and nothing that is not one', () => {
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const visited = new Set(VISITS.map((v) => v.route));
    expect(routes.filter((r) => !visited.has(r))).toEqual([]);
    expect([...visited].filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('finds providers to compare in the public catalogue', async () => {
    const { context, page } = await newPage(browser);
    await open(page, '/providers');
    await page.locator('main a[href^="/providers/"]').first().waitFor();
    const hrefs = await page
      .locator('main a[href^="/providers/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    comparedIds = [
      ...new Set(
        hrefs.map((h) => h.split('/')[2] ?? '').filter((id) => /^[0-9a-f-]{36}$/.test(id)),
      ),
    ].slice(0, 3);
    expect(comparedIds.length).toBeGreaterThanOrEqual(2);
    await context.close();
  }, 60_000);

  const whos = [...new Set(VISITS.map((v) => v.who))];
  for (const who of whos) {
    for (const language of LANGUAGES) {
      it(`${who} in ${language}: no horizontal scrolling, no axe violation, 44 px targets`, async () => {
        const { context, page } = await newPage(browser);
        if (who === 'PUBLIC') await page.goto(`${base}/sign-in`);
        else await signIn(page, who);
        await page.evaluate((l) => localStorage.setItem('hb.language', l), language);
        await page.setViewportSize({ width: 320, height: 640 });
        const failures: string[] = [];
        for (const visit of VISITS.filter((v) => v.who === who)) {
          const url = urlOf(visit);
          await open(page, url);
          const where = `${who} ${language} ${url}`;
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(
            language === 'selko' ? 'fi' : language,
          );
          const wide = await overflow(page);
          if (wide) failures.push(`${where}: ${wide}`);
          for (const v of await axeViolations(page)) failures.push(`${where}: ${v}`);
          for (const s of await smallTargets(page)) failures.push(`${where}: small target ${s}`);
          if (language === 'fi' || language === 'selko')
            await page.screenshot({
              path: path.join(
                SCREENSHOTS,
                `reflow-320-${who.toLowerCase()}-${language}${url.split('?')[0]?.replace(/[/:]/g, '_')}.png`,
              ),
              fullPage: true,
            });
        }
        await context.close();
        expect(failures).toEqual([]);
      }, 300_000);
    }
  }

  it('key pages at 375×667 and 1280×800 (screenshots for review)', async () => {
    const pages: Array<{ who: Who; url: string }> = [
      { who: 'PUBLIC', url: '/providers' },
      { who: 'PUBLIC', url: `/providers/${DEMO.providerId}` },
      { who: 'ADVISER', url: `/clients/${DEMO.essiClientId}` },
      { who: 'ADVISER', url: '/caseload' },
      { who: 'ORGANISER', url: '/reports' },
      { who: 'CLIENT', url: '/me' },
    ];
    const failures: string[] = [];
    for (const { who, url } of pages) {
      const { context, page } = await newPage(browser);
      if (who !== 'PUBLIC') await signIn(page, who);
      for (const size of [
        { width: 375, height: 667 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(size);
        await open(page, url);
        const wide = await overflow(page);
        if (wide) failures.push(`${who} ${url} at ${size.width}: ${wide}`);
        const name = `reflow-${size.width}-${who.toLowerCase()}${url.replace(/[/:]/g, '_')}`;
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
        // What the screen shows first, for a look at the layout without scaling.
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-top.png`) });
      }
      await context.close();
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
