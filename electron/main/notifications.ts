import type { CoreEvent } from '../../shared/api/events.js';
import type { BrowserWindowPort, NotificationClassPort, NotificationPort } from './ports.js';
import type { ShellText } from './menu.js';

export interface InboxNotifierOptions {
  Notification: NotificationClassPort;
  /** The main window, if open. */
  window(): BrowserWindowPort | null;
  /** Who is signed in on a window's contents (from the IPC binding). */
  userIdFor(webContentsId: number): string | null;
  text: Pick<ShellText, 'inboxTitle' | 'inboxBody'>;
  /** At most one notification per this many milliseconds (an import can touch many inboxes at once). */
  minIntervalMs?: number;
  now?: () => number;
}

/**
 * A desktop notification when the signed-in user's inbox changes while the window is not focused
 * (when it is focused, the page shows the change itself). Clicking it brings the window forward.
 */
export function inboxNotifier(options: InboxNotifierOptions): (event: CoreEvent) => void {
  const now = options.now ?? Date.now;
  const minInterval = options.minIntervalMs ?? 30_000;
  let lastShown = Number.NEGATIVE_INFINITY;
  // Kept referenced: some platforms drop click handlers of a collected notification.
  let current: NotificationPort | null = null;
  return (event) => {
    if (event.type !== 'inbox') return;
    const win = options.window();
    if (!win || win.isDestroyed() || win.isFocused()) return;
    const userId = options.userIdFor(win.webContents.id);
    if (!userId || !event.userIds.includes(userId)) return;
    if (now() - lastShown < minInterval || !options.Notification.isSupported()) return;
    lastShown = now();
    current = new options.Notification({ title: options.text.inboxTitle, body: options.text.inboxBody });
    current.on('click', () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    });
    current.show();
  };
}
