import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import { inspect, verify } from '../../electron/core/modules/backup/checks.js';
import { restore } from '../../electron/core/modules/backup/restore.js';
import { createBackup } from '../../electron/core/modules/backup/service.js';
import { prefixOf } from './support/backup-craft.js';
import { closeCore, count, fails, initialised, ok, openCore, tempDir } from './support/harness.js';

/** Issue 6 items 2, 3 and 5: where decrypted copies go, what a header may ask for, odd paths. */

/** As the CLI calls them: someone at the computer, any file ('machine' access). */
const asMachine = {
  verify: (core: Core, file: string) => core.runInternal('test.verify', null, (ctx) => verify(ctx, { file }, 'machine'), { transaction: false }),
  inspect: (core: Core, file: string) => core.runInternal('test.inspect', null, (ctx) => inspect(ctx, { file }, 'machine'), { transaction: false }),
  restore: (core: Core, file: string) => core.runInternal('test.restore', null, (ctx) => restore(ctx, { file, confirm: true }, 'machine'), { transaction: false }),
};

/** The input of backup.inspect / verify / restore for a file (only restore takes `confirm`). */
const inputFor = (method: 'backup.inspect' | 'backup.verify' | 'backup.restore', input: { file: string; password?: string }) =>
  method === 'backup.restore' ? { ...input, confirm: true } : input;

async function problemOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    return (err as { code?: string; messageKey?: string }).code + ' ' + (err as { messageKey?: string }).messageKey;
  }
  return 'ok';
}

/** The same backup with its header JSON replaced (trailer recomputed; the body is untouched). */
function withHeader(source: string, target: string, change: (h: Record<string, unknown>) => Record<string, unknown> | string): string {
  const bytes = fs.readFileSync(source);
  const length = bytes.readUInt32BE(9);
  const header = JSON.parse(bytes.subarray(13, 13 + length).toString('utf8')) as Record<string, unknown>;
  const changed = change(header);
  const prefix = typeof changed === 'string' ? prefixOf({}, changed) : prefixOf(changed);
  const rest = bytes.subarray(13 + length, bytes.length - 32);
  const body = Buffer.concat([prefix, rest]);
  fs.writeFileSync(target, Buffer.concat([body, crypto.createHash('sha256').update(body).digest()]));
  return target;
}

describe('decrypted copies (item 2)', () => {
  it('never land in the backup folder: creating and verifying an encrypted backup use the private work folder', async () => {
    const { core, admin, dir } = await initialised();
    const backupsDir = path.join(dir, 'backups');
    fs.mkdirSync(backupsDir, { recursive: true });
    const seen = new Set<string>();
    const watcher = fs.watch(backupsDir, (_event, name) => name && seen.add(name));
    try {
      const backup = await ok(core, admin, 'backup.create', { password: 'Secret-pass-1' });
      expect((await ok(core, admin, 'backup.verify', { file: backup.fileName, password: 'Secret-pass-1' })).ok).toBe(true);
      await ok(core, admin, 'backup.restore', { file: backup.fileName, password: 'Secret-pass-1', confirm: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      watcher.close();
    }
    expect([...seen].filter((name) => !/^OpsDesk-(manual|pre-restore)-.*\.opsdesk-backup(\.partial)?$/.test(name))).toEqual([]);
    const work = path.join(dir, '.opsdesk-work');
    expect(fs.statSync(work).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(work)).toEqual([]);
  });

  it('start-up removes stale work folders wherever they are, and keeps those of running processes', async () => {
    const { core, admin, dir } = await initialised();
    const usb = tempDir('opsdesk-usb-');
    await ok(core, admin, 'settings.update', { backup: { folder: usb } });
    await closeCore(core);
    const leftover = (folder: string) => {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'db.sqlite'), 'plaintext copy');
      return folder;
    };
    const inUsb = leftover(path.join(usb, '.opsdesk-verify-aB3dE9'));
    const inDefault = leftover(path.join(dir, 'backups', '.opsdesk-verify-x1y2z3'));
    const legacy = leftover(path.join(dir, 'restore-staging'));
    const killed = leftover(path.join(dir, '.opsdesk-work', 'verify-999999999-Qw3rTy'));
    const running = leftover(path.join(dir, '.opsdesk-work', `restore-${process.ppid}-AsDfGh`));
    await openCore({ dataDir: dir });
    for (const gone of [inUsb, inDefault, legacy, killed]) expect(fs.existsSync(gone), gone).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
  });
});

describe('key derivation settings from a header (item 3)', () => {
  it('accepts only the scrypt settings this version writes; others, and a bad salt or iv, are not a valid backup', async () => {
    const { core, admin, dir } = await initialised();
    const backup = await ok(core, admin, 'backup.create', { password: 'Secret-pass-1' });
    const folder = path.dirname(backup.path);
    const variants: [string, (h: Record<string, unknown>) => Record<string, unknown> | string][] = [
      ['p=32', (h) => ({ ...h, encryption: { ...(h.encryption as object), N: 2 ** 17, p: 32 } })],
      ['N=2^20', (h) => ({ ...h, encryption: { ...(h.encryption as object), N: 2 ** 20 } })],
      ['N as text', (h) => ({ ...h, encryption: { ...(h.encryption as object), N: 'lots' } })],
      ['r=0', (h) => ({ ...h, encryption: { ...(h.encryption as object), r: 0 } })],
      ['no salt', (h) => ({ ...h, encryption: { ...(h.encryption as object), salt: undefined } })],
      ['short salt', (h) => ({ ...h, encryption: { ...(h.encryption as object), salt: 'AAAA' } })],
      ['no iv', (h) => ({ ...h, encryption: { ...(h.encryption as object), iv: null } })],
      ['encryption not an object', (h) => ({ ...h, encryption: 'yes' })],
      ['schema version as text', (h) => ({ ...h, schemaVersion: 'three' })],
      ['header not JSON', () => '{"app":"OpsDesk",'],
    ];
    for (const [i, [name, change]] of variants.entries()) {
      const file = withHeader(backup.path, path.join(folder, `OpsDesk-manual-202501${10 + i}T000000000Z.opsdesk-backup`), change);
      const started = Date.now();
      for (const method of ['backup.inspect', 'backup.restore'] as const) {
        const error = await fails(core, admin, method, inputFor(method, { file: path.basename(file), password: 'Secret-pass-1' }));
        expect({ name, method, error }).toEqual({ name, method, error: { code: 'INVALID_STATE', message: 'backup.problem.invalidHeader' } });
      }
      // A file in the backup folder that fails its check is remembered as failed, with the reason.
      const checked = await ok(core, admin, 'backup.verify', { file: path.basename(file), password: 'Secret-pass-1' });
      expect({ name, checked }).toEqual({ name, checked: { ok: false, problem: 'backup.problem.invalidHeader', manifest: null } });
      expect(Date.now() - started, name).toBeLessThan(1500);
    }
    expect(await count(core, 'audit_log', "action = 'restore'")).toBe(0);
    expect(fs.readdirSync(path.join(dir, '.opsdesk-work'))).toEqual([]);
  }, 30_000);
});

describe('odd paths (item 5)', () => {
  it('verifying before the backup folder exists is "not found", not an internal error', async () => {
    const { core, admin, dir } = await initialised();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    const file = 'OpsDesk-manual-20260101T000000000Z.opsdesk-backup';
    for (const method of ['backup.verify', 'backup.inspect', 'backup.restore'] as const) {
      expect(await fails(core, admin, method, inputFor(method, { file }))).toEqual({ code: 'INVALID_STATE', message: 'backup.problem.notFound' });
    }
  });

  it('a folder named like a backup is "not a file", in the backup folder and on the command line', async () => {
    const { core, admin, dir } = await initialised();
    const name = 'OpsDesk-manual-20260101T000000000Z.opsdesk-backup';
    fs.mkdirSync(path.join(dir, 'backups', name), { recursive: true });
    for (const method of ['backup.verify', 'backup.inspect', 'backup.restore'] as const) {
      expect(await fails(core, admin, method, inputFor(method, { file: name }))).toEqual({ code: 'INVALID_STATE', message: 'backup.problem.notAFile' });
    }
    const elsewhere = tempDir();
    expect(await problemOf(asMachine.verify(core, elsewhere))).toBe('INVALID_STATE backup.problem.notAFile');
    expect(await problemOf(asMachine.inspect(core, elsewhere))).toBe('INVALID_STATE backup.problem.notAFile');
    expect(await problemOf(asMachine.restore(core, elsewhere))).toBe('INVALID_STATE backup.problem.notAFile');
  });

  it.runIf(process.platform === 'linux')('/proc/self/environ is "not a backup", and a FIFO is refused at once instead of blocking', async () => {
    const { core } = await initialised();
    expect(await problemOf(asMachine.inspect(core, '/proc/self/environ'))).toBe('INVALID_STATE backup.problem.notABackup');
    expect(await problemOf(asMachine.verify(core, '/proc/self/environ'))).toBe('INVALID_STATE backup.problem.notABackup');
    const fifo = path.join(tempDir(), 'OpsDesk-manual-20260101T000000000Z.opsdesk-backup');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(await problemOf(asMachine.restore(core, fifo))).toBe('INVALID_STATE backup.problem.notAFile');
    expect(await problemOf(asMachine.verify(core, fifo))).toBe('INVALID_STATE backup.problem.notAFile');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('where backup --out may write (item 4)', () => {
  const backupTo = (core: Core, target: string) =>
    core.runInternal('test.backup', null, (ctx) => createBackup(ctx, { kind: 'manual', password: null, target }), { transaction: false });

  it('never into the data folder\'s own files, over a folder, or into a system folder; its backups/ folder is fine', async () => {
    const { core, dir } = await initialised();
    const dbBefore = fs.readFileSync(path.join(dir, 'opsdesk.sqlite'));
    const folder = tempDir();
    const cases: [string, string][] = [
      [path.join(dir, 'opsdesk.sqlite'), 'backup.problem.targetInDataFolder'],
      [path.join(dir, 'opsdesk.sqlite-wal'), 'backup.problem.targetInDataFolder'],
      [path.join(dir, 'OPSDESK.sqlite', '..', 'opsdesk.sqlite'), 'backup.problem.targetInDataFolder'],
      [path.join(dir, 'attachments', 'x.opsdesk-backup'), 'backup.problem.targetInDataFolder'],
      [path.join(dir, '.opsdesk-work', 'x.opsdesk-backup'), 'backup.problem.targetInDataFolder'],
      [path.join(dir, 'x.opsdesk-backup'), 'backup.problem.targetInDataFolder'],
      [folder, 'backup.problem.targetIsFolder'],
      ['/etc/x.opsdesk-backup', 'backup.problem.targetInSystemFolder'],
    ];
    const link = path.join(tempDir(), 'innocent.opsdesk-backup');
    fs.symlinkSync(path.join(dir, 'opsdesk.sqlite'), link);
    cases.push([link, 'backup.problem.targetInDataFolder']);
    for (const [target, message] of cases) expect({ target, problem: await problemOf(backupTo(core, target)) }).toEqual({ target, problem: `INVALID_STATE ${message}` });
    expect(fs.readFileSync(path.join(dir, 'opsdesk.sqlite')).equals(dbBefore)).toBe(true);
    expect(fs.readdirSync(folder)).toEqual([]);
    const mine = path.join(dir, 'backups', 'mine.opsdesk-backup');
    expect((await backupTo(core, mine)).path).toBe(mine);
    expect(fs.existsSync(mine)).toBe(true);
  });
});
