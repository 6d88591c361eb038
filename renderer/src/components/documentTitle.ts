import { useEffect } from 'react';
import { create } from 'zustand';
import { useT } from '../i18n';

/**
 * The window title (document.title, also the desktop window's and the taskbar's): the page's
 * name, then the application's, in the user's language. A page names itself through PageTitle;
 * the main layout falls back to the page's menu entry (a detail page is named after its list).
 */
const usePageNameStore = create<{ name: string | null; set(name: string | null): void }>((set) => ({
  name: null,
  set: (name) => set({ name }),
}));

/** The name the current page gave itself, or null. */
export function useClaimedPageName(): string | null {
  return usePageNameStore((s) => s.name);
}

/** A page's own name for the window title while it is shown. */
export function useClaimPageName(name: string | null | undefined): void {
  const set = usePageNameStore((s) => s.set);
  useEffect(() => {
    if (!name) return;
    set(name);
    return () => set(null);
  }, [name, set]);
}

/** Sets the window title for a page name (null: the application's name alone). */
export function useDocumentTitle(page: string | null | undefined): void {
  const t = useT();
  useEffect(() => {
    document.title = page ? t('app.pageTitle', { page }) : t('app.title');
  }, [page, t]);
}
