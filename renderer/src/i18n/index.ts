import { useCallback } from 'react';
import type { Locale } from '../../../shared/domain/locale';
import { usePreferences } from '../stores/preferences';
import { catalogFor } from './catalogs';
import type { MessageKey } from './zh-CN';

export { loadCatalog, installCatalog } from './catalogs';

export type { MessageKey };

export function isMessageKey(key: string): key is MessageKey {
  const catalog = catalogFor('zh-CN');
  return catalog !== undefined && Object.hasOwn(catalog, key);
}

/** Translates a key, filling `{name}` placeholders. Unknown keys (e.g. from a newer core) fall back to a generic text. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const catalog = catalogFor(locale);
  const known = catalog !== undefined && Object.hasOwn(catalog, key);
  const template = known ? catalog[key as MessageKey] : key.startsWith('error.') && catalog ? catalog['error.generic'] : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

export type Translate = (key: MessageKey | (string & {}), params?: Record<string, string | number>) => string;

/** The translate function for the current language; components re-render when it changes. */
export function useT(): Translate {
  const locale = usePreferences((s) => s.locale);
  return useCallback((key, params) => translate(locale, key, params), [locale]);
}
