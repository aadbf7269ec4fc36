/// <reference lib="dom" />
/**
 * The admin UI's routes (web-admin/src/App.tsx), each with the role that uses it, and how a
 * browser test signs in as a demo user and opens a route until it has settled. Shared by the
 * tests that visit every page (reflow.e2e.ts, translations.e2e.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO } from '@hb/kit';

export type Role = 'ADVISER' | 'WORKER' | 'ORGANISER' | 'CLIENT' | 'TEAM_MEMBER' | 'PROVIDER';
export type Who = Role | 'PUBLIC';
export const LANGUAGES = ['fi', 'sv', 'en', 'selko'] as const;

export interface Visit {
  /** The route's `path` in App.tsx. */
  route: string;
  who: Who;
  /** The address opened (defaults to the route). */
  url?: string;
}

/** Every route as the role (or roles) that use it. */
export const VISITS: Visit[] = [
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
export function appRoutes(): string[] {
  const source = fs.readFileSync(APP_TSX, 'utf8');
  return [...source.matchAll(/<Route\s[^>]*?path="([^"]+)"/g)].map((m) => m[1] ?? '');
}

/** Waits until the page has its heading and no part of it says it is still loading. */
export async function settle(page: Page): Promise<void> {
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
export async function signIn(page: Page, base: string, role: Role): Promise<void> {
  await page.goto(`${base}/sign-in`);
  // As in open(): a page loaded while another session replaced the UI's files stays blank.
  const user = page.locator('select[name="user"]');
  await user.waitFor({ timeout: 15_000 }).catch(async () => {
    await page.goto(`${base}/sign-in`);
  });
  await user.selectOption(role);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 });
  await settle(page);
}

export async function open(page: Page, base: string, url: string): Promise<void> {
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
