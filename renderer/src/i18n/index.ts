import { useCallback } from 'react';
import type { Locale } from '../../../shared/domain/locale';
import { usePreferences } from '../stores/preferences';
import { enUS } from './en-US';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** Translates a key, filling `{name}` placeholders. Unknown keys (e.g. from a newer core) fall back to a generic text. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = isMessageKey(key) ? CATALOGS[locale][key] : key.startsWith('error.') ? CATALOGS[locale]['error.generic'] : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

export type Translate = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => string;

/** The translate function for the current language; components re-render when it changes. */
export function useT(): Translate {
  const locale = usePreferences((s) => s.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}
