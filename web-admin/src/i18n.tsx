import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { fi, type MessageKey, type Messages } from './messages';
import { sv } from './messages.sv';
import { en } from './messages.en';
import { selko } from './messages.selko';

/** `selko` is plain Finnish (selkosuomi): Finnish text, simpler wording. */
export const LANGUAGES = ['fi', 'sv', 'en', 'selko'] as const;
export type Language = (typeof LANGUAGES)[number];
const DICTIONARIES: Record<Language, Partial<Messages>> = { fi, sv, en, selko };
const LOCALES: Record<Language, string> = {
  fi: 'fi-FI',
  sv: 'sv-FI',
  en: 'en-GB',
  selko: 'fi-FI',
};

/** The language of the page's text as HTML names it (plain Finnish is Finnish). */
export const htmlLang = (language: Language): string => (language === 'selko' ? 'fi' : language);
const STORAGE_KEY = 'hb.language';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  locale: string;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'fi';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = htmlLang(language);
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[language];
    const t: Translate = (key, params) => {
      let text = dict[key] ?? fi[key];
      if (params) {
        for (const [name, v] of Object.entries(params))
          text = text.split(`{${name}}`).join(String(v));
      }
      return text;
    };
    return { language, locale: LOCALES[language], setLanguage, t };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
