import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { MessageKey } from './messages';
import {
  formatMessage,
  LANGUAGES,
  LOCALES,
  type Language,
  type MessageParams,
} from './i18n.format';

export { LANGUAGES, type Language } from './i18n.format';

/** The language of the page's text as HTML names it (plain Finnish is Finnish). */
export const htmlLang = (language: Language): string => (language === 'selko' ? 'fi' : language);
const STORAGE_KEY = 'hb.language';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

interface I18n {
  language: Language;
  locale: string;
  setLanguage: (language: Language) => void;
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
    const t: Translate = (key, params) => formatMessage(language, key, params);
    return { language, locale: LOCALES[language], setLanguage, t };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
