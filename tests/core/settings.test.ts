import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMachineSettings, machineSettingsCandidates, parseMachineSettings } from '../../electron/core/modules/settings/machine.js';
import { backupFolderProblem } from '../../electron/core/modules/backup/places.js';
import { dataPaths } from '../../electron/core/paths.js';
import { onPostgres, rows } from './support/engine.js';
import { fails, fingerprint, initialised, login, ok, tempDir } from './support/harness.js';

/** Backups copy the desktop's SQLite file: on a PostgreSQL server they are refused, saying so. */
const SERVER_REFUSAL = { code: 'INVALID_STATE', message: 'backup.problem.onServer' };

function machineFile(content: string): string {
  const file = path.join(tempDir('opsdesk-it-'), 'settings.json');
  fs.writeFileSync(file, content);
  return file;
}

describe('machine-wide settings file (IT)', () => {
  it('is looked for in the environment variable, beside the app, then in the OS program-data folder', () => {
    expect(machineSettingsCandidates({ env: { ProgramData: 'D:\\PD' }, platform: 'win32', appDir: 'C:\\Program Files\\OpsDesk' })).toEqual([
      path.join('C:\\Program Files\\OpsDesk', 'opsdesk-settings.json'),
      path.join('D:\\PD', 'OpsDesk', 'settings.json'),
    ]);
    expect(machineSettingsCandidates({ env: { OPSDESK_SETTINGS_FILE: '/x.json' }, platform: 'darwin' })).toEqual(['/x.json', '/Library/Application Support/OpsDesk/settings.json']);
    expect(machineSettingsCandidates({ env: {}, platform: 'linux' })).toEqual(['/etc/opsdesk/settings.json']);
  });

  it('reports a malformed file and ignores it, never crashing', () => {
    expect(parseMachineSettings('f', () => '{ not json')).toMatchObject({ settings: {}, problem: 'is not valid JSON' });
    expect(parseMachineSettings('f', () => '{"backup":{"keepDaily":-1}}').problem).toMatch(/backup.keepDaily/);
    expect(parseMachineSettings('f', () => '{"colour":"red"}').problem).toMatch(/invalid/);
    expect(parseMachineSettings('f', () => '{"locked":["backup.nonsense"]}').settings).toEqual({});
    expect(parseMachineSettings('f', () => { throw new Error('EACCES'); }).problem).toMatch(/cannot be read/);
    // A BOM (Windows Notepad) is fine.
    expect(parseMachineSettings('f', () => '\uFEFF{"language":"en-US"}')).toMatchObject({ settings: { language: 'en-US' }, problem: null });
    expect(loadMachineSettings({ env: { OPSDESK_SETTINGS_FILE: path.join(tempDir(), 'absent.json') }, platform: 'linux', appDir: null }).file).toBeNull();
  });

  it('presets the backup policy; a locked setting cannot be changed by the department', async () => {
    const itFolder = tempDir('opsdesk-share-');
    const file = machineFile(JSON.stringify({ backup: { folder: itFolder, keepMonthly: 24 }, language: 'en-US', locked: ['backup.folder'] }));
    const machineSettings = loadMachineSettings({ env: { OPSDESK_SETTINGS_FILE: file }, platform: 'linux' });
    const { core, admin } = await initialised({ machineSettings });
    const view = await ok(core, admin, 'settings.get', {});
    expect(view).toMatchObject({ backupFolder: itFolder, language: 'en-US', locked: ['backup.folder'], machineFile: { path: file, problem: null } });
    expect(view.backup).toMatchObject({ folder: itFolder, keepMonthly: 24, keepDaily: 7, enabled: true });

    const before = await fingerprint(core);
    const refused = await fails(core, admin, 'settings.update', { backup: { folder: tempDir() } });
    expect(refused).toEqual({ code: 'FORBIDDEN', message: 'error.settingLocked', fields: { 'backup.folder': 'validation.lockedByIT' } });
    expect(await fingerprint(core)).toBe(before);

    // An unlocked preset is only a default: the department may change it.
    expect((await ok(core, admin, 'settings.update', { backup: { keepMonthly: 6 } })).backup.keepMonthly).toBe(6);
    // Backups go to IT's folder (on a server, OpsDesk makes none: it says so).
    expect((await ok(core, admin, 'backup.overview', {})).folder).toBe(itFolder);
    if (onPostgres) expect(await fails(core, admin, 'backup.create', {})).toEqual(SERVER_REFUSAL);
    else expect((await ok(core, admin, 'backup.create', {})).path.startsWith(itFolder)).toBe(true);
  });

  it('does not use a backup folder from the IT file that is a system folder or inside the data folder', async () => {
    const file = machineFile(JSON.stringify({ backup: { folder: '/etc' } }));
    const { core, admin } = await initialised({ machineSettings: loadMachineSettings({ env: { OPSDESK_SETTINGS_FILE: file }, platform: 'linux' }) });
    const refusal = { code: 'INVALID_STATE', message: 'backup.problem.folderNotAllowed' };
    // A server makes no backups wherever the folder is: that refusal comes first there.
    expect(await fails(core, admin, 'backup.create', {})).toEqual(onPostgres ? SERVER_REFUSAL : refusal);
    // Not "a file in the backup folder": /etc/hostname is not read on that ground.
    expect(await fails(core, admin, 'backup.inspect', { file: 'hostname' })).toEqual(refusal);
    const problem = onPostgres ? SERVER_REFUSAL.message : 'backup.problem.folderNotAllowed';
    expect(await ok(core, admin, 'backup.overview', {})).toMatchObject({ folder: '/etc', autoProblem: problem, backups: [] });
    // Choosing another folder puts things right.
    const chosen = path.join(tempDir(), 'backups');
    await ok(core, admin, 'settings.update', { backup: { folder: chosen } });
    expect(await ok(core, admin, 'backup.overview', {})).toMatchObject({ folder: chosen, autoProblem: onPostgres ? SERVER_REFUSAL.message : null });
    if (onPostgres) expect(await fails(core, admin, 'backup.create', {})).toEqual(SERVER_REFUSAL);
    else expect((await ok(core, admin, 'backup.create', {})).verifyOk).toBe(true);
  });

  it('shows a malformed machine file as a problem in the settings', async () => {
    const file = machineFile('{ "backup": ');
    const { core, admin } = await initialised({ machineSettings: loadMachineSettings({ env: { OPSDESK_SETTINGS_FILE: file }, platform: 'linux' }) });
    expect((await ok(core, admin, 'settings.get', {})).machineFile).toEqual({ path: file, problem: 'is not valid JSON' });
  });

  it('checks that a backup folder is an absolute, writable path; staff may not change settings', async () => {
    const { core, admin } = await initialised({ demo: true });
    expect((await fails(core, admin, 'settings.update', { backup: { folder: 'relative/folder' } })).fields).toEqual({ 'backup.folder': 'validation.absolutePathRequired' });
    const blocker = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocker, 'x');
    expect((await fails(core, admin, 'settings.update', { backup: { folder: path.join(blocker, 'sub') } })).fields).toEqual({ 'backup.folder': 'validation.folderNotWritable' });
    const staff = await login(core, 'staff1');
    expect((await fails(core, staff, 'settings.update', { backup: { enabled: false } })).code).toBe('FORBIDDEN');
    const changed = await ok(core, admin, 'settings.update', { backup: { enabled: false, folder: '' } });
    expect(changed.backup).toMatchObject({ enabled: false, folder: null });
  });
});

describe('language preset by IT', () => {
  it('is the language before sign-in and of new accounts; locked, users cannot change theirs', async () => {
    const machineSettings = { file: '/etc/opsdesk/settings.json', settings: { language: 'en-US' as const, locked: ['language' as const] }, problem: null };
    const { core, admin } = await initialised({ machineSettings });
    expect((await ok(core, null, 'setup.status', {})).defaultLocale).toBe('en-US');
    const user = await ok(core, admin, 'users.create', { username: 'newcomer', displayName: '新同事', password: 'Temp-pass-1', roles: ['staff'] });
    expect(await rows(core, 'SELECT locale FROM users WHERE id = ?', [user.id])).toEqual([{ locale: 'en-US' }]);
    expect(await fails(core, admin, 'auth.setLocale', { locale: 'zh-CN' })).toEqual({ code: 'FORBIDDEN', message: 'error.settingLocked' });
  });
});

describe('the backup folder (issue 6 item 13)', () => {
  it('refuses system folders and the data folder\'s insides, next to the folder field, before creating anything', async () => {
    const { core, admin, dir } = await initialised();
    const before = await fingerprint(core);
    const link = path.join(tempDir(), 'looks-harmless');
    fs.symlinkSync('/etc', link);
    const refused: [string, string][] = [
      ['/etc', 'validation.systemFolder'],
      ['/etc/opsdesk-backups', 'validation.systemFolder'],
      ['/usr/local/backups', 'validation.systemFolder'],
      ['/', 'validation.systemFolder'],
      [path.join(link, 'backups'), 'validation.systemFolder'],
      [dir, 'validation.insideDataFolder'],
      [path.join(dir, 'attachments'), 'validation.insideDataFolder'],
      [path.join(dir, 'attachments', 'ab'), 'validation.insideDataFolder'],
      [path.join(dir, '.opsdesk-work'), 'validation.insideDataFolder'],
      [path.join(dir, 'elsewhere-inside'), 'validation.insideDataFolder'],
    ];
    for (const [folder, message] of refused) {
      expect({ folder, error: await fails(core, admin, 'settings.update', { backup: { folder } }) }).toEqual({
        folder,
        error: { code: 'VALIDATION', message: 'error.validation', fields: { 'backup.folder': message } },
      });
    }
    expect(fs.existsSync('/etc/opsdesk-backups')).toBe(false);
    expect(fs.existsSync(path.join(dir, 'elsewhere-inside'))).toBe(false);
    expect(await fingerprint(core)).toBe(before);
    // The data folder's own backups/ folder (and one under it) and any other folder are fine.
    for (const folder of [path.join(dir, 'backups'), path.join(dir, 'backups', 'weekly'), tempDir('opsdesk-usb-')]) {
      expect((await ok(core, admin, 'settings.update', { backup: { folder } })).backupFolder).toBe(folder);
    }
  });

  it('knows the Windows and macOS system folders too (one list)', () => {
    const paths = dataPaths('C:\\Users\\li\\AppData\\Roaming\\OpsDesk');
    const env = { SystemRoot: 'C:\\Windows', ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };
    const win = (folder: string) => backupFolderProblem(folder, { ...paths, dataDir: 'C:\\Users\\li\\AppData\\Roaming\\OpsDesk', backupsDir: 'C:\\Users\\li\\AppData\\Roaming\\OpsDesk\\backups' }, 'win32', env);
    expect(win('C:\\Windows\\Temp')).toBe('systemFolder');
    expect(win('c:\\windows')).toBe('systemFolder');
    expect(win('C:\\Program Files\\OpsDesk')).toBe('systemFolder');
    expect(win('C:\\Program Files (x86)')).toBe('systemFolder');
    expect(win('C:\\Users\\li\\AppData\\Roaming\\OpsDesk\\attachments')).toBe('insideDataFolder');
    expect(win('C:\\Users\\li\\AppData\\Roaming\\OpsDesk\\Backups\\2026')).toBeNull();
    expect(win('E:\\')).toBeNull();
    expect(win('\\\\nas\\share\\OpsDesk')).toBeNull();
    const mac = (folder: string) => backupFolderProblem(folder, dataPaths('/Users/li/Library/Application Support/OpsDesk'), 'darwin', {});
    expect(mac('/System/Volumes')).toBe('systemFolder');
    expect(mac('/Volumes/USB/OpsDesk')).toBeNull();
  });
});
