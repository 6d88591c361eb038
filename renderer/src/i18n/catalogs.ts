import type { Locale } from '../../../shared/domain/locale';
import type { MessageKey } from './zh-CN';

export type Catalog = Record<MessageKey, string>;

/**
 * Each language is its own chunk, loaded when it becomes the active one: a session in one
 * language never downloads the other. `loadCatalog` runs before the first render (main.tsx) and
 * before a language switch takes effect (stores/preferences.ts), so `translate` is synchronous.
 */
const LOADERS: Record<Locale, () => Promise<Catalog>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  'en-US': () => import('./en-US').then((m) => m.enUS),
};
const loaded: Partial<Record<Locale, Catalog>> = {};

export async function loadCatalog(locale: Locale): Promise<void> {
  loaded[locale] ??= await LOADERS[locale]();
}

/** Tests and tools that have the catalogs at hand install them without the dynamic import. */
export function installCatalog(locale: Locale, catalog: Catalog): void {
  loaded[locale] = catalog;
}

export function catalogFor(locale: Locale): Catalog | undefined {
  return loaded[locale] ?? Object.values(loaded)[0];
}
