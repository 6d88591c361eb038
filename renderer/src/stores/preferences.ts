import { create } from 'zustand';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../../shared/domain/locale';
import { loadCatalog } from '../i18n/catalogs';

/**
 * UI preferences. The language is remembered per user on the server (auth.setLocale); this store
 * keeps the current one and the last one used on this machine, for the login screen.
 */
const STORAGE_KEY = 'opsdesk.locale';

function initialLocale(): Locale {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(stored ?? '') ? (stored as Locale) : DEFAULT_LOCALE;
}

/** Whether this machine has remembered a language (otherwise the department's default applies). */
export function hasRememberedLocale(): boolean {
  return (LOCALES as readonly string[]).includes(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '');
}

interface PreferencesState {
  locale: Locale;
  /** Switches once the language's catalog has loaded (it is a separate chunk). */
  setLocale(locale: Locale): Promise<void>;
  siderCollapsed: boolean;
  setSiderCollapsed(collapsed: boolean): void;
}

export const usePreferences = create<PreferencesState>((set) => ({
  locale: initialLocale(),
  setLocale: async (locale) => {
    await loadCatalog(locale);
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    document.documentElement.lang = locale;
    set({ locale });
  },
  siderCollapsed: false,
  setSiderCollapsed: (siderCollapsed) => set({ siderCollapsed }),
}));
