/// <reference types="jest" />
/**
 * Every message of every language is a valid ICU string for intl-messageformat, uses the
 * placeholders the Finnish source uses, and formats; counts take the right plural form.
 * A bad string fails here rather than as raw text on a page.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { fi, type MessageKey } from './messages';
import {
  DICTIONARIES,
  formatMessage,
  formatText,
  LANGUAGES,
  LOCALES,
  type Language,
} from './i18n.format';

// intl-messageformat's AST element types (TYPE in @formatjs/icu-messageformat-parser).
const ARGUMENT = 1;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

/** Argument names of a message with how each is used (argument, number, plural...). */
function argumentsOf(ast: Element[], into = new Map<string, number>()): Map<string, number> {
  for (const el of ast) {
    if (el.type >= ARGUMENT && el.type <= PLURAL && el.value !== undefined)
      into.set(el.value, el.type);
    if (el.type === TAG) throw new Error(`rich-text tag <${el.value}> in a plain-text message`);
    for (const option of Object.values(el.options ?? {})) argumentsOf(option.value, into);
    if (el.children) argumentsOf(el.children, into);
  }
  return into;
}

const parse = (language: Language, key: string, text: string) => {
  try {
    return new IntlMessageFormat(text, LOCALES[language]);
  } catch (e) {
    throw new Error(`${language} ${key}: ${(e as Error).message}\n  ${text}`);
  }
};

const entries = LANGUAGES.flatMap((language) =>
  Object.entries(DICTIONARIES[language]).map(([key, text]) => ({ language, key, text: text! })),
);

/** The Finnish argument names of a key, with their kinds. */
const fiArgs = (key: string) =>
  argumentsOf(parse('fi', key, fi[key as MessageKey]).getAst() as Element[]);

describe('UI message catalogues', () => {
  it('has messages in every language', () => {
    expect(entries.length).toBeGreaterThan(LANGUAGES.length * 100);
  });

  it('compiles every message of every language and formats it with sample values', () => {
    const failures: string[] = [];
    for (const { language, key, text } of entries) {
      try {
        const format = parse(language, key, text);
        const args = argumentsOf(format.getAst() as Element[]);
        const values = Object.fromEntries(
          [...args].map(([name, type]) => [
            name,
            type === NUMBER || type === PLURAL ? 2 : type === SELECT ? 'other' : `‹${name}›`,
          ]),
        );
        const out = format.format(values);
        if (typeof out !== 'string' || out.length === 0) failures.push(`${language} ${key}: empty`);
      } catch (e) {
        failures.push(`${language} ${key}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('renders text without placeholders exactly as written (apostrophes and quotes too)', () => {
    const changed = entries
      .filter(({ text }) => !/[{}]/.test(text))
      .filter(({ language, key, text }) => parse(language, key, text).format() !== text)
      .map(({ language, key }) => `${language} ${key}`);
    expect(changed).toEqual([]);
  });

  it('defines every Finnish key in Swedish and English, and only Finnish keys in plain Finnish', () => {
    const keys = Object.keys(fi).sort();
    expect(Object.keys(DICTIONARIES.sv).sort()).toEqual(keys);
    expect(Object.keys(DICTIONARIES.en).sort()).toEqual(keys);
    expect(Object.keys(DICTIONARIES.selko).filter((k) => !(k in fi))).toEqual([]);
  });

  // Names only: a language may choose a plural form by a number that Finnish shows as is.
  // Plain Finnish may leave a detail out (shorter sentences) but never show one Finnish lacks.
  it('uses the same placeholders as the Finnish source', () => {
    const differing: string[] = [];
    for (const { language, key, text } of entries) {
      if (language === 'fi') continue;
      const mine = argumentsOf(parse(language, key, text).getAst() as Element[]);
      const source = fiArgs(key);
      const show = (m: Map<string, number>) => JSON.stringify([...m.keys()].sort());
      const ok =
        language === 'selko'
          ? [...mine.keys()].every((name) => source.has(name))
          : show(mine) === show(source);
      if (!ok) differing.push(`${language} ${key}: ${show(mine)} but fi ${show(source)}`);
    }
    expect(differing).toEqual([]);
  });

  // A count shown next to a noun must choose the noun's form by the count. These keys show
  // a count as a value after a label ("Vaihtoja: 3"), where no word depends on it.
  const COUNT_WITHOUT_NOUN = new Set<string>([
    'catalogue.compareSelected',
    'caseload.planOverdue',
    'reports.switchCount',
    'commitments.issued',
  ]);

  it('formats every count through ICU plural rules', () => {
    const plain = Object.keys(fi).filter(
      (key) => fiArgs(key).get('count') === ARGUMENT && !COUNT_WITHOUT_NOUN.has(key),
    );
    expect(plain).toEqual([]);
  });

  it.each<[Language, MessageKey, Record<string, number>, string]>([
    ['fi', 'clients.count', { count: 1 }, '1 asiakas'],
    ['fi', 'clients.count', { count: 2 }, '2 asiakasta'],
    ['sv', 'clients.count', { count: 1 }, '1 klient'],
    ['sv', 'clients.count', { count: 3 }, '3 klienter'],
    ['en', 'clients.count', { count: 1 }, '1 client'],
    ['en', 'clients.count', { count: 0 }, '0 clients'],
    ['fi', 'approvals.count', { count: 1 }, '1 hakemus jonossa'],
    ['fi', 'approvals.count', { count: 5 }, '5 hakemusta jonossa'],
    ['en', 'approvals.count', { count: 1 }, '1 application in the queue'],
    ['en', 'approvals.count', { count: 2 }, '2 applications in the queue'],
    ['sv', 'approvals.count', { count: 1 }, '1 ansökan i kön'],
    ['sv', 'approvals.count', { count: 2 }, '2 ansökningar i kön'],
    ['fi', 'catalogue.count', { count: 1 }, '1 palveluntuottaja'],
    ['en', 'catalogue.count', { count: 1 }, '1 provider'],
    ['fi', 'clients.count', { count: 1234 }, '1\u00a0234 asiakasta'],
  ])('%s %s %j → %s', (language, key, params, expected) => {
    expect(formatMessage(language, key, params)).toBe(expected);
  });

  it('shows the key of a message no catalogue has (a new code from the API)', () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(formatMessage('sv', 'alert.NO_SUCH_KIND' as MessageKey)).toBe('alert.NO_SUCH_KIND');
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it("formats a section's own texts with the same library", () => {
    expect(
      formatText('{kind} {version} · {service} {year}', {
        kind: 'Päätös',
        version: 2,
        service: 'Kuljetus',
        year: 2026,
      }),
    ).toBe('Päätös 2 · Kuljetus 2026');
    expect(formatText('{n, plural, one {# veloitus} other {# veloitusta}}', { n: 1 })).toBe(
      '1 veloitus',
    );
  });

  it('falls back to ordinary Finnish where plain Finnish has no text', () => {
    const key = Object.keys(fi).find((k) => !(k in DICTIONARIES.selko)) as MessageKey;
    expect(formatMessage('selko', key)).toBe(formatMessage('fi', key));
  });
});
