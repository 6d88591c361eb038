import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, safeStorage, shell, type OpenDialogOptions } from 'electron';
import { createCore } from '../core/index.js';
import { loadMachineSettings } from '../core/modules/settings/machine.js';
import { startApp } from './app.js';
import { backupFileDialog } from './backup-dialog.js';
import { shellLocale } from './menu.js';
import { appFiles } from './files.js';
import { keychainProtector } from './keychain.js';

/**
 * The Electron entry point (package.json "main": dist/electron/main/index.js). The only module that
 * imports 'electron' at run time: it hands Electron's objects to startApp, which tests drive with
 * fakes.
 */
/**
 * `OpsDesk --cli COMMAND ...` runs the opsdesk command (doctor, backup, restore...) inside the
 * installed app, for IT on desktops without Node.js; the packaged app cannot run as plain Node
 * (the RunAsNode fuse is off). On Windows, redirect its output (`> report.json`) to read it.
 */
const cliAt = process.argv.indexOf('--cli');
if (cliAt >= 0) {
  const { main } = await import('../cli/main.js');
  // safeStorage works once the app is ready: the CLI reads the same keychain-wrapped install key.
  await app.whenReady();
  const code = await main(process.argv.slice(cliAt + 1), { keyProtector: keychainProtector(safeStorage) });
  app.exit(code);
} else {
  // Windows attributes desktop notifications to this id (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId('com.opsdesk.app');
  startDesktop();
}

/** The dialog as a sheet of the app's window when there is one. */
function showOpenDialog(options: OpenDialogOptions) {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
}

function startDesktop(): void {
  void startApp({
    app,
    BrowserWindow,
    ipcMain,
    dialog,
    Menu,
    shell,
    Notification,
    safeStorage,
    // The open-file dialog for a backup on a USB disk or a share (backup.pickFile).
    createCore: (options) => createCore({ ...options, fileDialog: backupFileDialog(showOpenDialog, shellLocale(app.getSystemLocale())) }),
    // IT's machine-wide settings: beside the installed app, or in the OS's program-data folder.
    machineSettings: loadMachineSettings({ appDir: path.dirname(app.getPath('exe')) }),
    argv: process.argv,
    files: appFiles(path.dirname(fileURLToPath(import.meta.url))),
  }).catch((err: unknown) => {
    // A programming error during start-up: say so rather than leave a process with no window.
    console.error('[opsdesk] start-up failed', err);
    dialog.showErrorBox('OpsDesk', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
}
