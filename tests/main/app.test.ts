import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/index.js';
import { NO_MACHINE_SETTINGS, type LoadedMachineSettings } from '../../electron/core/modules/settings/machine.js';
import { DB_FILE_NAME } from '../../electron/core/paths.js';
import { TEST_COST } from '../../electron/core/modules/auth/passwords.js';
import { TEST_AUDIT_KEY } from '../support/keys.js';
import { startApp, type AppCore } from '../../electron/main/app.js';
import { keychainProtector } from '../../electron/main/keychain.js';
import { INSTALL_KEY_FILE } from '../../electron/core/kernel/secrets.js';
import { dataDirArgument } from '../../electron/main/args.js';
import { appFiles } from '../../electron/main/files.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/api/transport.js';
import type { ApiResult } from '../../shared/domain/errors.js';
import { ADMIN, tempDir } from '../core/support/harness.js';
import { FakeApp, FakeBrowserWindow, FakeDialog, FakeEvent, FakeIpcMain, FakeMenu, FakeNotification, FakeSafeStorage, FakeShell } from './fakes.js';

const files = appFiles('/app/dist/electron/main');
const APP_URL = pathToFileURL(files.indexHtml).href;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
beforeEach(() => {
  FakeBrowserWindow.reset(APP_URL);
  FakeNotification.reset();
});

function folder(): string {
  const dir = tempDir('opsdesk-main-');
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The app with fakes for Electron and a real core (cheap password hashing, jobs inline). */
function fakes(
  options: { argv?: string[]; createCore?: (o: { dataDir: string }) => Promise<AppCore>; machineSettings?: LoadedMachineSettings; safeStorage?: FakeSafeStorage } = {},
) {
  const app = new FakeApp(folder());
  const dialog = new FakeDialog();
  const Menu = new FakeMenu();
  const ipcMain = new FakeIpcMain();
  const opened: Core[] = [];
  const realCore = async (o: { dataDir: string; machineSettings?: LoadedMachineSettings; auditKey: Buffer }) => {
    // autoBackup stays off here: the tests do not wait for a scheduled backup. The key is the one startApp loaded.
    const core = await createCore({ dataDir: o.dataDir, ...(o.machineSettings ? { machineSettings: o.machineSettings } : {}), passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: o.auditKey });
    opened.push(core);
    cleanup.push(() => core.close());
    return core;
  };
  const deps = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    dialog,
    Menu,
    shell: new FakeShell(),
    Notification: FakeNotification,
    safeStorage: options.safeStorage ?? new FakeSafeStorage(),
    createCore: options.createCore ?? realCore,
    argv: options.argv ?? ['/opt/OpsDesk/opsdesk'],
    machineSettings: options.machineSettings ?? NO_MACHINE_SETTINGS,
    files,
    log: () => {},
  };
  return { deps, app, dialog, Menu, ipcMain, opened };
}

/** What the page would get for a call through the preload. */
async function invoke(ipcMain: FakeIpcMain, win: FakeBrowserWindow, method: string, input: unknown): Promise<ApiResult<unknown>> {
  return (await ipcMain.invoke(INVOKE_CHANNEL, win.webContents.invokeEvent(), { method, input })) as ApiResult<unknown>;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('start-up', () => {
  it('takes the single-instance lock, sandboxes every renderer before ready, opens the core and the window', async () => {
    const { deps, app, Menu, ipcMain } = fakes();
    const running = await startApp(deps);
    expect(running).not.toBeNull();
    expect(app.log.slice(0, 3)).toEqual(['requestSingleInstanceLock', 'enableSandbox', 'whenReady']);
    expect(running!.dataDir).toBe(app.userData);
    expect(fs.existsSync(path.join(app.userData, DB_FILE_NAME))).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(running!.window()).toBe(FakeBrowserWindow.instances[0]);
    expect(FakeBrowserWindow.instances[0]!.loaded).toBe(files.indexHtml);
    expect(ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(true);
    expect(Menu.applied).toEqual({ built: Menu.template });
    expect(await invoke(ipcMain, running!.window()!, 'setup.status', {})).toEqual({ ok: true, data: { initialized: false, departmentName: null, defaultLocale: 'zh-CN' } });
  });

  it('uses --data-dir when given', async () => {
    const dir = folder();
    const { deps } = fakes({ argv: ['/opt/OpsDesk/opsdesk', '--data-dir', dir] });
    const running = await startApp(deps);
    expect(running!.dataDir).toBe(dir);
    expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(true);
  });

  it("uses IT's machine-wide data folder when no --data-dir is given, and the command line over it", async () => {
    const itDir = folder();
    const machineSettings = { file: '/etc/opsdesk/settings.json', settings: { dataDir: itDir }, problem: null };
    const running = await startApp(fakes({ machineSettings }).deps);
    expect(running!.dataDir).toBe(itDir);
    const own = folder();
    const overridden = await startApp(fakes({ machineSettings, argv: ['/opt/OpsDesk/opsdesk', '--data-dir', own] }).deps);
    expect(overridden!.dataDir).toBe(own);
  });

  it('File > Backup and Restore opens the page\'s Data page', async () => {
    const { deps, Menu } = fakes();
    const running = await startApp(deps);
    const file = (Menu.template![0]!.submenu as { click?: () => void }[])[0]!;
    file.click!();
    expect(running!.window()!.webContents.sent).toContainEqual({ channel: EVENT_CHANNEL, args: [{ type: 'navigate', path: '/data' }] });
  });

  it('reads --data-dir in both spellings, relative to the working folder', () => {
    expect(dataDirArgument(['electron', '.', '--data-dir', 'data'], '/home/u')).toBe(path.resolve('/home/u/data'));
    expect(dataDirArgument(['opsdesk', '--data-dir=/srv/ops'], '/home/u')).toBe(path.resolve('/srv/ops'));
    expect(dataDirArgument(['opsdesk', '--data-dir'], '/home/u')).toBeNull();
    expect(dataDirArgument(['opsdesk', '--data-dir', '--inspect'], '/home/u')).toBeNull();
    expect(dataDirArgument(['opsdesk', '--no-sandbox'], '/home/u')).toBeNull();
  });
});

describe('single instance', () => {
  it('a second process quits at once without opening the database', async () => {
    let opened = 0;
    const { deps, app } = fakes({
      createCore: async () => {
        opened++;
        throw new Error('must not open');
      },
    });
    app.gotLock = false;
    expect(await startApp(deps)).toBeNull();
    expect(app.quits).toBe(1);
    expect(app.readyCalled).toBe(false);
    expect(opened).toBe(0);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('a second launch brings the first window forward (restoring it when minimised)', async () => {
    const { deps, app } = fakes();
    const running = await startApp(deps);
    const win = running!.window()!;
    win.minimized = true;
    win.focused = false;
    app.emit('second-instance', new FakeEvent(), ['/opt/OpsDesk/opsdesk'], '/');
    expect(win.restored).toBe(1);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('a database the core refuses', () => {
  it('from a newer OpsDesk: shows the reason and exits without a window', async () => {
    const dir = folder();
    const core = await createCore({ dataDir: dir, passwordCost: TEST_COST, jobs: 'inline', log: () => {}, auditKey: TEST_AUDIT_KEY });
    await core.close();
    // What a later version would have left: one migration this build does not know.
    const db = new Database(path.join(dir, DB_FILE_NAME));
    db.prepare('INSERT INTO schema_migrations (timestamp, name) VALUES (?, ?)').run(9_999_999_999_999, 'FutureFeature9999999999999');
    db.close();

    const { deps, app, dialog, ipcMain } = fakes({ argv: ['opsdesk', '--data-dir', dir] });
    expect(await startApp(deps)).toBeNull();
    expect(dialog.errors).toHaveLength(1);
    expect(dialog.errors[0]!.title).toBe('OpsDesk 无法启动');
    expect(dialog.errors[0]!.content).toMatch(/newer version of OpsDesk/);
    expect(app.exitCode).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('any other failure names the data folder (in English on an English system)', async () => {
    const { deps, app, dialog } = fakes({
      createCore: async () => {
        throw new Error('EACCES: permission denied');
      },
    });
    app.systemLocale = 'en-US';
    expect(await startApp(deps)).toBeNull();
    expect(dialog.errors[0]).toEqual({
      title: 'OpsDesk cannot start',
      content: `Cannot open the data folder ${app.userData}\nEACCES: permission denied`,
    });
    expect(app.exitCode).toBe(1);
  });
});

describe('quitting', () => {
  it('holds the quit until the core has closed, then quits', async () => {
    let closes = 0;
    let release: () => void = () => {};
    const { deps, app, ipcMain } = fakes({
      createCore: async () => ({
        call: async () => ({ ok: true, data: null }),
        on: () => () => {},
        close: () => {
          closes++;
          return new Promise<void>((resolve) => (release = resolve));
        },
      }),
    });
    await startApp(deps);
    const first = new FakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(false);
    const again = new FakeEvent();
    app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(true);
    expect(closes).toBe(1);
    expect(app.log).not.toContain('quit');
    release();
    await flush();
    expect(app.log).toContain('quit');
  });

  it('closes the real core (the database file is released) and quits when the last window closes', async () => {
    const { deps, app, opened } = fakes();
    await startApp(deps);
    app.emit('window-all-closed');
    await flush();
    await flush();
    expect(app.log).toContain('quit');
    expect(opened[0]!.db.raw.open).toBe(false);
  });
});

describe('menu', () => {
  it('is in Chinese on a Chinese system, with reload only in development', async () => {
    const { deps, Menu } = fakes();
    await startApp(deps);
    const labels = Menu.template!.map((m) => m.label);
    expect(labels).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
    const view = Menu.template![2]!.submenu as { role?: string }[];
    expect(view.map((i) => i.role)).toContain('reload');
  });

  it('is in English elsewhere and has no reload when packaged', async () => {
    const { deps, app, Menu } = fakes();
    app.systemLocale = 'en-GB';
    app.isPackaged = true;
    await startApp(deps);
    expect(Menu.template!.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    const view = Menu.template![2]!.submenu as { role?: string }[];
    expect(view.map((i) => i.role)).not.toContain('reload');
    expect(view.map((i) => i.role)).not.toContain('toggleDevTools');
  });

  it('About shows the version', async () => {
    const { deps, app, Menu, dialog } = fakes();
    app.version = '1.2.3';
    await startApp(deps);
    const help = Menu.template![4]!.submenu as { label?: string; click?: () => void }[];
    help[0]!.click!();
    expect(dialog.messageBoxes).toHaveLength(1);
    expect(dialog.messageBoxes[0]!.message).toBe('OpsDesk 1.2.3');
    expect(dialog.messageBoxes[0]!.title).toBe('关于 OpsDesk');
  });
});

describe('desktop notifications', () => {
  async function signedIn() {
    const f = fakes();
    const running = (await startApp(f.deps))!;
    const win = running.window()!;
    await invoke(f.ipcMain, win, 'setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password });
    const login = (await invoke(f.ipcMain, win, 'auth.login', { username: ADMIN.username, password: ADMIN.password })) as {
      ok: true;
      data: { user: { id: string } };
    };
    const core = f.opened[0]!;
    const emit = (userIds: string[]) => core.runInternal('test.notify', null, async (ctx) => ctx.services.emit({ type: 'inbox', userIds }));
    return { ...f, running, win, emit, userId: login.data.user.id };
  }

  it("appear when the signed-in user's inbox changes while the window is in the background", async () => {
    const { win, emit, userId } = await signedIn();
    win.focused = false;
    await emit([userId]);
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]!.options.title).toBe('OpsDesk 有新的待办');
    win.minimized = true;
    FakeNotification.shown[0]!.emit('click');
    expect(win.focused).toBe(true);
    expect(win.restored).toBe(1);
  });

  it('stay quiet when the window is focused, for other users, and after sign-out', async () => {
    const { ipcMain, win, emit, userId } = await signedIn();
    win.focused = true;
    await emit([userId]);
    win.focused = false;
    await emit(['someone-else']);
    await emit([]);
    await invoke(ipcMain, win, 'auth.logout', {});
    await emit([userId]);
    expect(FakeNotification.shown).toHaveLength(0);
  });
});

describe('install key (the audit chain\'s, kept by the OS keychain)', () => {
  const keyFile = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, INSTALL_KEY_FILE), 'utf8')) as { protection: string; key: string };

  it('is made on first start, wrapped with safeStorage, and given to the core, whose chain verifies after a restart', async () => {
    const dir = folder();
    const keychain = new FakeSafeStorage('me');
    const first = fakes({ argv: ['opsdesk', '--data-dir', dir], safeStorage: keychain });
    const running = await startApp(first.deps);
    expect(keyFile(dir).protection).toBe('safeStorage');
    expect(keychain.log).toEqual(['encrypt']);
    const core = first.opened[0]!;
    const setup = await core.call('setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password });
    expect(setup.ok).toBe(true);
    await running!.core.close();

    const second = fakes({ argv: ['opsdesk', '--data-dir', dir], safeStorage: keychain });
    await startApp(second.deps);
    const reopened = second.opened[0]!;
    const token = ((await reopened.call('auth.login', ADMIN)) as ApiResult<{ token: string }>) as { ok: true; data: { token: string } };
    expect(await reopened.call('audit.verify', {}, { token: token.data.token })).toMatchObject({ ok: true, data: { ok: true, firstBrokenSeq: null, checkpoint: 'matches' } });
    expect(keychain.log).toEqual(['encrypt', 'decrypt']);
  });

  it('keeps a plain 0600 key where the OS has no keychain (Linux without a keyring)', async () => {
    const dir = folder();
    await startApp(fakes({ argv: ['opsdesk', '--data-dir', dir], safeStorage: new FakeSafeStorage('me', { backend: 'basic_text' }) }).deps);
    expect(keyFile(dir).protection).toBe(process.platform === 'linux' ? 'none' : 'safeStorage');
    await startApp(fakes({ argv: ['opsdesk', '--data-dir', folder()], safeStorage: new FakeSafeStorage('me', { available: false }) }).deps);
  });

  it('starts with a new key when the folder was copied from another user or computer, and the old rows no longer verify', async () => {
    const dir = folder();
    const theirs = fakes({ argv: ['opsdesk', '--data-dir', dir], safeStorage: new FakeSafeStorage('someone-else') });
    const running = await startApp(theirs.deps);
    await theirs.opened[0]!.call('setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password });
    await running!.core.close();

    const logged: string[] = [];
    const mine = fakes({ argv: ['opsdesk', '--data-dir', dir], safeStorage: new FakeSafeStorage('me') });
    const started = await startApp({ ...mine.deps, log: (message: string) => logged.push(message) });
    expect(started).not.toBeNull();
    expect(logged.join('\n')).toContain('could not be unwrapped');
    // ...and the user is told, with where the old key went.
    expect(mine.dialog.messageBoxes).toEqual([expect.objectContaining({ type: 'warning', message: '已为此数据文件夹生成新的安全密钥', detail: expect.stringContaining(`${INSTALL_KEY_FILE}.unreadable-`) })]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${INSTALL_KEY_FILE}.unreadable-`))).toBe(true);
    const login = (await mine.opened[0]!.call('auth.login', ADMIN)) as { ok: true; data: { token: string } };
    expect(await mine.opened[0]!.call('audit.verify', {}, { token: login.data.token })).toMatchObject({ data: { ok: false, firstBrokenSeq: 1 } });
  });

  it('wraps with safeStorage only when it is real: encryption available, and on Linux not the basic_text fallback', () => {
    expect(keychainProtector(new FakeSafeStorage('me', { available: false }), 'win32')).toBeNull();
    expect(keychainProtector(new FakeSafeStorage('me', { backend: 'basic_text' }), 'linux')).toBeNull();
    expect(keychainProtector(new FakeSafeStorage('me', { backend: 'basic_text' }), 'darwin')).not.toBeNull();
    const protector = keychainProtector(new FakeSafeStorage('me'), 'win32')!;
    const key = Buffer.alloc(32, 9);
    expect(protector.unprotect(protector.protect(key)).equals(key)).toBe(true);
    expect(() => keychainProtector(new FakeSafeStorage('other'), 'win32')!.unprotect(protector.protect(key))).toThrow();
  });
});
