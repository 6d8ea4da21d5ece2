import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type MessageKey } from './zh-CN';
import { enUS } from './en-US';
import { getLocale, storeLocale, type Locale } from './locale';

export type { Locale } from './locale';
export type { MessageKey } from './zh-CN';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Replaces each {name} in the text with params.name. */
function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(catalogues[locale][key], params);
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(getLocale);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

/** Sets the browser tab title to "<page> - <platform>" in the current language. */
export function usePageTitle(key: MessageKey | null): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = key ? `${t(key)} - ${t('app.name')}` : t('app.name');
  }, [key, t]);
}

/**
 * A module's own message catalogue, kept out of the main one so that it loads with the
 * module's lazy chunk rather than with the login page. The en-US catalogue must define every
 * zh-CN key (the type checker enforces it). Returns a hook giving `t` for those keys.
 */
export function createMessages<K extends string>(zh: Record<K, string>, en: Record<NoInfer<K>, string>) {
  const catalogues: Record<Locale, Record<K, string>> = { 'zh-CN': zh, 'en-US': en };
  return function useMessages(): { locale: Locale; t: (key: K, params?: Record<string, string | number>) => string } {
    const { locale } = useI18n();
    return useMemo(() => ({ locale, t: (key: K, params?: Record<string, string | number>) => interpolate(catalogues[locale][key], params) }), [locale]);
  };
}
