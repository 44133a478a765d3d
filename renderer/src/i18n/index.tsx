/**
 * A tiny i18n layer: typed keys, `{name}` placeholders, English and 简体中文.
 * Every string a person sees goes through `t`, so adding a language is adding a catalogue.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { readPreference, writePreference } from '../app/preferences';
import { en, type Catalogue, type MessageKey } from '../../../shared/ui/i18n/en';
import { zhCN } from '../../../shared/ui/i18n/zh-CN';
import type { Language, Translate } from './translate';

export type { Language };
export type { MessageKey };

const CATALOGUES: Record<Language, Catalogue> = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'txlab.language';

export type { Translate };

function translate(language: Language, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const text = CATALOGUES[language][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

function initialLanguage(): Language {
  const saved = readPreference(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

interface I18nValue {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    writePreference(STORAGE_KEY, next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage, t: (key, params) => translate(language, key, params) }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider'); // a wiring bug, not a runtime condition
  return value;
}
