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
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO } from '@hb/kit';
import { startTestPlatform, type TestPlatform } from '../testkit';
import { axeViolations, launchBrowser, newPage, SCREENSHOTS } from './browser';
import { appRoutes, LANGUAGES, open, signIn, VISITS, type Visit, type Who } from './routes';

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
    await open(page, base, '/providers');
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
        else await signIn(page, base, who);
        await page.evaluate((l) => localStorage.setItem('hb.language', l), language);
        await page.setViewportSize({ width: 320, height: 640 });
        const failures: string[] = [];
        for (const visit of VISITS.filter((v) => v.who === who)) {
          const url = urlOf(visit);
          await open(page, base, url);
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
      if (who !== 'PUBLIC') await signIn(page, base, who);
      for (const size of [
        { width: 375, height: 667 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(size);
        await open(page, base, url);
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
