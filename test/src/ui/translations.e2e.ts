/// <reference lib="dom" />
/**
 * No untranslated message and no raw code on any page in Swedish or English (issue 16, item 9):
 * every route of App.tsx (the list reflow.e2e.ts visits) opened as the role that uses it, its
 * visible text collected, and each piece checked against the UI's catalogues. A text fails when
 * it is a Finnish message that the language translates differently (and that is not also a
 * message of the language itself), or when it looks like a code from the API: a
 * SCREAMING_SNAKE_CASE or all-capital word, or a UUID.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from '../testkit';
import { launchBrowser, newPage } from './browser';
import { open, signIn, VISITS, type Visit } from './routes';

type Catalogue = Record<string, string>;
const UI = path.resolve(__dirname, '../../../web-admin/src');
/* The catalogues are the UI's own TypeScript modules, plain data; jest compiles them as it
   compiles this file (a static import would pull the UI's sources into the test project). */
/* eslint-disable @typescript-eslint/no-require-imports */
const fi = (require(path.join(UI, 'messages.ts')) as { fi: Catalogue }).fi;
const CATALOGUES: Record<'sv' | 'en', Catalogue> = {
  sv: (require(path.join(UI, 'messages.sv.ts')) as { sv: Catalogue }).sv,
  en: (require(path.join(UI, 'messages.en.ts')) as { en: Catalogue }).en,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A Finnish message as a pattern for a whole piece of text: `{name}` matches any text, and a
 * plural or select matches any of its branches. Null when too little is fixed text to tell it
 * from data (e.g. "{service} {year}").
 */
function patternOf(source: string): RegExp | null {
  // Branches of `{count, plural, one {# asiakas} other {# asiakasta}}` (one level deep).
  const branched = source.replace(
    /\{\w+, (?:plural|select|selectordinal),((?:[^{}]|\{[^{}]*\})*)\}/g,
    (_m, body: string) =>
      `\uE001${[...body.matchAll(/\{([^{}]*)\}/g)].map((b) => b[1] ?? '').join('\uE002')}\uE003`,
  );
  const fixed = branched.replace(/\{\w+\}|[\uE001-\uE003#]/g, '');
  if ((fixed.match(/\p{L}/gu) ?? []).length < 4) return null;
  const body = branched
    .split(/(\{\w+\}|[\uE001\uE002\uE003#])/)
    .map((part) => {
      if (/^\{\w+\}$/.test(part) || part === '#') return '.+?';
      if (part === '\uE001') return '(?:';
      if (part === '\uE002') return '|';
      if (part === '\uE003') return ')';
      return escape(part.replace(/''/g, "'"));
    })
    .join('');
  return new RegExp(`^${body}$`, 'u');
}

/** Finnish messages that read differently in `language`, as patterns. */
function untranslated(language: 'sv' | 'en'): Array<{ key: string; pattern: RegExp }> {
  const own = CATALOGUES[language];
  const ownValues = new Set(Object.values(own));
  return Object.entries(fi)
    .filter(([key, text]) => own[key] !== text && !ownValues.has(text))
    .flatMap(([key, text]) => {
      const pattern = patternOf(text);
      return pattern ? [{ key, pattern }] : [];
    });
}

/** All-capital words that are not codes: abbreviations the texts use on purpose. */
const ABBREVIATIONS = new Set([
  'IBAN',
  'SEPA',
  'HTML',
  'WCAG',
  'PDF',
  'CSV',
  'BIC',
  'ALV',
  'KELA',
  'SOTE',
  'OIDC',
  'XLSX',
]);
/** A bank's BIC as the bank-account page shows it after the IBAN: "(NDEAFIHH)". */
const BIC = /^\([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\)$/;
const SNAKE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/;
const CAPITALS = /\b[A-ZÅÄÖ]{4,}\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;

/**
 * Raw codes in a piece of text, if any. `inCode`: the text is in a <code> element, where the UI
 * shows an identifier on purpose (a budget's id, the request id to give support), so a UUID
 * there is not a leak.
 */
function codesIn(text: string, inCode = false): string[] {
  const found: string[] = [];
  if (BIC.test(text)) return found;
  const snake = text.match(SNAKE);
  if (snake) found.push(snake[0]);
  for (const word of text.match(CAPITALS) ?? []) if (!ABBREVIATIONS.has(word)) found.push(word);
  const uuid = text.match(UUID);
  if (uuid && !inCode) found.push(uuid[0]);
  return found;
}

/** The page's visible text, piece by piece: text nodes, options of visible lists, placeholders. */
async function visibleTexts(
  page: Page,
): Promise<Array<{ text: string; where: string; inCode: boolean }>> {
  return page.evaluate(() => {
    const shown = (el: Element | null): boolean => {
      if (!el) return false;
      const box = el.closest('option, optgroup') ? el.closest('select') : el;
      if (!box || box.closest('.visually-hidden, [aria-hidden="true"]')) return false;
      return box.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    };
    const texts: Array<{ text: string; where: string; inCode: boolean }> = [];
    // Where a text is, for the failure message: its element and the nearest landmark or heading.
    const where = (el: Element | null) => {
      const box = el?.closest('section, table, form, nav, header, footer, li') ?? el;
      const name = (e: Element | null | undefined) =>
        e
          ? `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''}`
          : '';
      return `${name(box)} > ${name(el)}`;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text && shown(node.parentElement))
        texts.push({
          text,
          where: where(node.parentElement),
          inCode: !!node.parentElement?.closest('code'),
        });
    }
    for (const el of Array.from(
      document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]'),
    ))
      if (shown(el)) texts.push({ text: el.placeholder.trim(), where: where(el), inCode: false });
    return texts;
  });
}

let platform: TestPlatform;
let browser: Browser;
let base: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  base = platform.gatewayUrl.replace(/\/graphql$/, '');
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
}, 60_000);

describe('no Finnish message and no raw code on any page in Swedish and English', () => {
  it('recognises a Finnish message, a plural branch and a code', () => {
    expect(
      patternOf('{count, plural, one {# asiakas} other {# asiakasta}}')?.test('3 asiakasta'),
    ).toBe(true);
    expect(patternOf('Kirjautunut: {name} ({role})')?.test('Kirjautunut: Hanna (Neuvoja)')).toBe(
      true,
    );
    expect(patternOf('{service} {year}')).toBeNull();
    expect(codesIn('Tila: PENDING_CONFIRMATION')).toEqual(['PENDING_CONFIRMATION']);
    expect(codesIn('Status: PENDING')).toEqual(['PENDING']);
    expect(codesIn('IBAN FI21 1234')).toEqual([]);
    expect(codesIn('(NDEAFIHH)')).toEqual([]);
    expect(codesIn('id 7d4f1c2e-8a7b-4c1d-9e2f-0a1b2c3d4e5f')).toHaveLength(1);
    expect(codesIn('7d4f1c2e-8a7b-4c1d-9e2f-0a1b2c3d4e5f', true)).toEqual([]);
  });

  const whos = [...new Set(VISITS.map((v) => v.who))];
  for (const language of ['sv', 'en'] as const) {
    const patterns = untranslated(language);
    for (const who of whos) {
      it(`${who} in ${language}`, async () => {
        const { context, page, problems } = await newPage(browser);
        if (who === 'PUBLIC') await page.goto(`${base}/sign-in`);
        else await signIn(page, base, who);
        await page.evaluate((l) => localStorage.setItem('hb.language', l), language);
        const failures = new Set<string>();
        for (const visit of VISITS.filter((v: Visit) => v.who === who)) {
          const url = visit.url ?? visit.route;
          // The comparison without chosen providers is its empty state; reflow covers it full.
          await open(page, base, url);
          for (const { text, where, inCode } of await visibleTexts(page)) {
            const finnish = patterns.find((p) => p.pattern.test(text));
            if (finnish) failures.add(`${url} ${where}: Finnish ${finnish.key}: "${text}"`);
            for (const code of codesIn(text, inCode))
              failures.add(`${url} ${where}: code ${code} in "${text}"`);
          }
        }
        await context.close();
        // A refusal or failure from the API is shown as its (English) message: none expected.
        for (const problem of problems) if (problem.startsWith('graphql:')) failures.add(problem);
        expect([...failures]).toEqual([]);
      }, 300_000);
    }
  }
});
