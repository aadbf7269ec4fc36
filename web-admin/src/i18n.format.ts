/**
 * Message formatting for the UI: the typed catalogues (messages*.ts) are ICU MessageFormat
 * strings, formatted with FormatJS `intl-messageformat`.
 *
 * Why FormatJS rather than i18next + i18next-icu: our catalogues are already typed TypeScript
 * objects with `{name}` placeholders (valid ICU), and we only need the formatter, not i18next's
 * resource loading, namespaces and language detection. intl-messageformat is the maintained
 * ICU implementation behind react-intl, uses the browser's own Intl (plural rules, numbers,
 * dates) and is small; i18next-icu wraps the same library anyway.
 *
 * This module has no React so that the catalogue test can compile every message with it.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { fi, type MessageKey, type Messages } from './messages';
import { sv } from './messages.sv';
import { en } from './messages.en';
import { selko } from './messages.selko';

/** `selko` is plain Finnish (selkosuomi): Finnish text, simpler wording. */
export const LANGUAGES = ['fi', 'sv', 'en', 'selko'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DICTIONARIES: Record<Language, Partial<Messages>> = { fi, sv, en, selko };
export const LOCALES: Record<Language, string> = {
  fi: 'fi-FI',
  sv: 'sv-FI',
  en: 'en-GB',
  selko: 'fi-FI',
};

export type MessageParams = Record<string, string | number>;

/** The source text of a key in a language: plain Finnish falls back to Finnish. */
// Undefined for a key built from an API code the catalogue does not know (`alert.${kind}`).
export const messageSource = (language: Language, key: MessageKey): string | undefined =>
  DICTIONARIES[language][key] ?? fi[key];

// Parsing an ICU string is the costly part; each language+key is compiled once per page load.
const compiled = new Map<string, IntlMessageFormat>();

export function compileMessage(language: Language, key: MessageKey): IntlMessageFormat {
  const id = `${language}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(messageSource(language, key) ?? key, LOCALES[language]);
    compiled.set(id, format);
  }
  return format;
}

export function formatMessage(language: Language, key: MessageKey, params?: MessageParams): string {
  // A key built from an API code the catalogue does not know yet (`alert.${kind}`): show the
  // key, which says what is missing, rather than nothing.
  if (messageSource(language, key) === undefined) {
    console.error(`i18n: no message ${key}`);
    return key;
  }
  try {
    const out = compileMessage(language, key).format(params);
    // Without rich-text tags the result is always a string.
    return typeof out === 'string' ? out : String(out);
  } catch (e) {
    // A missing parameter must not take the page down; the catalogue test keeps the strings
    // valid, so this is a programming error in a caller: show the raw text and report it.
    console.error(`i18n: cannot format ${language}:${key}`, e);
    return messageSource(language, key) ?? key;
  }
}

/**
 * Formats an ICU string kept outside the catalogues (a section's own table of texts) with the
 * same library, compiled once per text. Its parameters are text or numbers shown as they are;
 * for plurals pass the locale.
 */
export function formatText(text: string, params?: MessageParams, locale = LOCALES.fi): string {
  const id = `${locale}\u0000${text}`;
  try {
    let format = compiledTexts.get(id);
    if (!format) {
      format = new IntlMessageFormat(text, locale);
      compiledTexts.set(id, format);
    }
    const out = format.format(params);
    return typeof out === 'string' ? out : String(out);
  } catch (e) {
    console.error(`i18n: cannot format "${text}"`, e);
    return text;
  }
}
const compiledTexts = new Map<string, IntlMessageFormat>();
