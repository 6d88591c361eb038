import { DatabaseOpenError } from '../core/db/errors.js';
import { InstallKeyError, loadInstallKey } from '../core/kernel/secrets.js';
import type { LoadedMachineSettings } from '../core/modules/settings/machine.js';
import { EVENT_CHANNEL } from '../../shared/api/transport.js';
import { dataDirArgument } from './args.js';
import type { AppFiles } from './files.js';
import { bindInvoke, type CorePort, type IpcBinding } from './ipc.js';
import { aboutBox, menuTemplate, shellLocale, shellText } from './menu.js';
import { inboxNotifier } from './notifications.js';
import type {
  AppPort,
  BrowserWindowClassPort,
  BrowserWindowPort,
  DialogPort,
  IpcMainPort,
  MenuPort,
  NotificationClassPort,
  SafeStoragePort,
  ShellPort,
  WindowListPort,
} from './ports.js';
import { createMainWindow } from './window.js';
import { keychainProtector } from './keychain.js';

export interface AppCore extends CorePort {
  close(): Promise<void>;
}

/** Everything the shell needs from Electron and the core, passed in (index.ts gives the real ones). */
export interface AppDeps<W extends BrowserWindowPort> {
  app: AppPort;
  BrowserWindow: BrowserWindowClassPort<W> & WindowListPort;
  ipcMain: IpcMainPort;
  dialog: DialogPort;
  Menu: MenuPort;
  shell: ShellPort;
  Notification: NotificationClassPort;
  /** Wraps the data folder's install key with the OS keychain (electron/main/keychain.ts). */
  safeStorage: SafeStoragePort;
  createCore(options: { dataDir: string; machineSettings: LoadedMachineSettings; autoBackup: boolean; auditKey: Buffer }): Promise<AppCore>;
  /** The machine-wide settings file IT may have placed (modules/settings/machine.ts). */
  machineSettings: LoadedMachineSettings;
  argv: readonly string[];
  files: AppFiles;
  log?: (message: string, err?: unknown) => void;
}

export interface RunningApp<W extends BrowserWindowPort> {
  core: AppCore;
  dataDir: string;
  binding: IpcBinding;
  window(): W | null;
}

/**
 * The desktop app's life: one instance (a second launch brings the first window forward), the
 * core on the data folder (`--data-dir` or the per-user app-data folder), the window, the menu,
 * desktop notifications, and the core closed cleanly on quit. A database the core refuses to open
 * (e.g. written by a newer OpsDesk) is explained in a dialog, then the app exits.
 *
 * Resolves with the running app, or null when this process is a second instance or cannot start.
 */
export async function startApp<W extends BrowserWindowPort>(deps: AppDeps<W>): Promise<RunningApp<W> | null> {
  const { app, dialog } = deps;
  const log = deps.log ?? ((message: string, err?: unknown) => console.error(`[opsdesk] ${message}`, err ?? ''));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Every renderer sandboxed, whatever its window options say. Must happen before 'ready'.
  app.enableSandbox();

  let mainWindow: W | null = null;
  const currentWindow = (): W | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  app.on('second-instance', () => {
    const win = currentWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  await app.whenReady();
  const locale = shellLocale(app.getSystemLocale());
  const text = shellText(locale);
  // The command line wins, then IT's machine-wide setting, then the per-user app-data folder.
  const dataDir = dataDirArgument(deps.argv) ?? deps.machineSettings.settings.dataDir ?? app.getPath('userData');

  let core: AppCore;
  try {
    const installKey = loadInstallKey(dataDir, keychainProtector(deps.safeStorage));
    if (installKey.notice === 'replacedUnreadable') {
      log(`the install key could not be unwrapped by this user's keychain (a data folder copied from another computer?): set aside as ${installKey.setAside}, a new one made`);
      // Said to the user too: from now on the old audit rows fail verification, and they should
      // know why before doctor or the audit page tells them.
      void dialog
        .showMessageBox({ type: 'warning', title: 'OpsDesk', message: text.newInstallKey, detail: text.newInstallKeyDetail.replace('{file}', installKey.setAside ?? '') })
        .catch((err: unknown) => log('install key notice failed', err));
    }
    core = await deps.createCore({ dataDir, machineSettings: deps.machineSettings, autoBackup: true, auditKey: installKey.key });
  } catch (err) {
    const known = err instanceof DatabaseOpenError || err instanceof InstallKeyError;
    const message = known ? err.message : `${text.cannotOpenData} ${dataDir}\n${(err as Error).message}`;
    log('Cannot open the data folder', err);
    dialog.showErrorBox(text.startFailed, message);
    app.exit(1);
    return null;
  }

  const binding = bindInvoke(deps.ipcMain, core, deps.BrowserWindow, { indexHtml: deps.files.indexHtml, log });
  const stopNotifications = core.on(
    inboxNotifier({ Notification: deps.Notification, window: currentWindow, userIdFor: binding.userIdFor, text }),
  );

  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // Hold the quit until the core has finished its calls and closed the database.
    event.preventDefault();
    if (closing) return;
    stopNotifications();
    binding.dispose();
    closing = core
      .close()
      .catch((err: unknown) => log('Closing the core failed', err))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());

  const version = app.getVersion();
  const menu = menuTemplate({
    locale,
    isDev: !app.isPackaged,
    onAbout: () => void dialog.showMessageBox(aboutBox(locale, version, dataDir)).catch((err: unknown) => log('About box failed', err)),
    onBackup: () => currentWindow()?.webContents.send(EVENT_CHANNEL, { type: 'navigate', path: '/data' }),
  });
  deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(menu));

  mainWindow = createMainWindow({ BrowserWindow: deps.BrowserWindow, files: deps.files, shell: deps.shell, log });
  return { core, dataDir, binding, window: currentWindow };
}
