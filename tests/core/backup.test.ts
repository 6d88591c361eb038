import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations/index.js';
import { call, count, fails, initialised, login, ok } from './support/harness.js';

/** Backups through the contract: create, list, inspect, verify, restore, and every refusal. */
describe('backup and restore', () => {
  it('backs up, and a restore brings back exactly the backed-up data, recorded in the audit log', async () => {
    const { core, admin } = await initialised({ demo: true });
    await ok(core, admin, 'attachments.upload', {
      entity: 'group',
      recordId: (await ok(core, admin, 'org.groups.list', {}))[0]!.id,
      file: { fileName: 'duties.txt', contentBase64: Buffer.from('小组职责说明').toString('base64') },
    });
    const backup = await ok(core, admin, 'backup.create', {});
    expect(backup).toMatchObject({ kind: 'manual', encrypted: false, verifyOk: true });
    expect(fs.existsSync(backup.path)).toBe(true);

    // A change after the backup...
    await ok(core, admin, 'org.groups.create', { name: '备份后新建的组' });
    expect(await count(core, 'org_groups', "name = '备份后新建的组'")).toBe(1);

    const inspected = await ok(core, admin, 'backup.inspect', { file: backup.fileName });
    expect(inspected.manifest).toMatchObject({ schemaVersion: SCHEMA_VERSION, counts: { org_employees: 25, org_groups: 3 } });

    const result = await ok(core, admin, 'backup.restore', { file: backup.fileName, confirm: true });
    expect(result.restoredFrom).toBe(backup.fileName);
    // ...is gone, the rest is back, and the restore is in the (restored) audit log.
    expect(await count(core, 'org_groups', "name = '备份后新建的组'")).toBe(0);
    expect(await count(core, 'org_employees')).toBe(25);
    expect(await count(core, 'attachments')).toBe(1);
    expect(await count(core, 'audit_log', "method = 'backup.restore' AND action = 'restore'")).toBe(1);
    const listed = await ok(core, admin, 'backup.overview', {});
    expect(listed.backups.map((b) => b.kind).sort()).toEqual(['manual', 'pre-restore']);
    expect((await ok(core, admin, 'audit.verify', {})).ok).toBe(true);
  });

  it('keeps what it knew about backup files across a restore: one verified later is not "unverified" after it', async () => {
    const { core, admin, clock } = await initialised();
    const older = await ok(core, admin, 'backup.create', {});
    clock.advance(60_000);
    const newer = await ok(core, admin, 'backup.create', {});
    clock.advance(60_000);
    expect((await ok(core, admin, 'backup.verify', { file: older.fileName })).ok).toBe(true);
    const verifiedAt = (await ok(core, admin, 'backup.overview', {})).backups.find((b) => b.fileName === older.fileName)!.verifiedAt;
    clock.advance(60_000);
    await ok(core, admin, 'backup.restore', { file: older.fileName, confirm: true });
    const listed = (await ok(core, admin, 'backup.overview', {})).backups;
    expect(listed.map((b) => [b.kind, b.verifyOk])).toEqual([
      ['pre-restore', true],
      ['manual', true],
      ['manual', true],
    ]);
    expect(listed.find((b) => b.fileName === newer.fileName)!.verifiedAt).toBe(newer.verifiedAt);
    expect(listed.find((b) => b.fileName === older.fileName)!.verifiedAt! > verifiedAt!).toBe(true);
  });

  it('signs out, at their next call, users who do not exist in the restored data', async () => {
    const { core, admin } = await initialised();
    const backup = await ok(core, admin, 'backup.create', {});
    await ok(core, admin, 'users.create', { username: 'later', displayName: '后来的人', password: 'Later-pass-1', roles: ['manager'] });
    const later = await login(core, 'later', 'Later-pass-1');
    await ok(core, later, 'auth.changePassword', { currentPassword: 'Later-pass-1', newPassword: 'Later-pass-2' });
    await ok(core, admin, 'backup.restore', { file: backup.fileName, confirm: true });
    expect((await fails(core, later, 'backup.overview', {})).code).toBe('UNAUTHENTICATED');
    expect((await call(core, admin, 'auth.me', {})).ok).toBe(true);
  });

  it('encrypts with a password; a wrong or missing password is its own clear refusal', async () => {
    const { core, admin } = await initialised();
    const backup = await ok(core, admin, 'backup.create', { password: 'Secret-pass-1' });
    expect(backup.encrypted).toBe(true);
    expect(await fails(core, admin, 'backup.restore', { file: backup.fileName, confirm: true })).toMatchObject({ code: 'INVALID_STATE', message: 'backup.problem.passwordRequired' });
    expect(await fails(core, admin, 'backup.restore', { file: backup.fileName, password: 'Wrong-pass-1', confirm: true })).toMatchObject({ message: 'backup.problem.wrongPassword' });
    expect((await ok(core, admin, 'backup.inspect', { file: backup.fileName })).needsPassword).toBe(true);
    expect((await ok(core, admin, 'backup.verify', { file: backup.fileName, password: 'Secret-pass-1' })).ok).toBe(true);
  });

  it('refuses damaged, truncated and foreign files, leaving the current data untouched', async () => {
    const { core, admin, dir } = await initialised();
    const backup = await ok(core, admin, 'backup.create', {});
    const bytes = fs.readFileSync(backup.path);
    const folder = path.dirname(backup.path);
    const write = (name: string, data: Buffer) => (fs.writeFileSync(path.join(folder, name), data), name);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    const cases = {
      'OpsDesk-manual-20260101T000000000Z.opsdesk-backup': [flipped, 'backup.problem.corrupt'],
      'OpsDesk-manual-20260101T000001000Z.opsdesk-backup': [bytes.subarray(0, bytes.length - 1000), 'backup.problem.truncated'],
      'OpsDesk-manual-20260101T000002000Z.opsdesk-backup': [Buffer.from('PK\u0003\u0004 not a backup at all'), 'backup.problem.notABackup'],
    } as const;
    const before = fs.readFileSync(path.join(dir, 'opsdesk.sqlite'));
    for (const [name, [data, message]] of Object.entries(cases)) {
      write(name, data);
      expect(await fails(core, admin, 'backup.restore', { file: name, confirm: true }), name).toMatchObject({ code: 'INVALID_STATE', message });
    }
    expect(fs.readFileSync(path.join(dir, 'opsdesk.sqlite')).equals(before)).toBe(true);
    expect(await count(core, 'audit_log', "action = 'restore'")).toBe(0);
    expect(fs.existsSync(path.join(dir, 'restore-staging'))).toBe(false);
  });

  it('is for administrators and managers only, and a restore must be confirmed', async () => {
    const { core, admin } = await initialised({ demo: true });
    const staff = await login(core, 'staff1');
    expect((await fails(core, staff, 'backup.create', {})).code).toBe('FORBIDDEN');
    expect((await fails(core, admin, 'backup.restore', { file: 'x' })).fields).toEqual({ confirm: 'validation.confirmRequired' });
    const manager = await login(core, 'manager');
    expect((await call(core, manager, 'backup.overview', {})).ok).toBe(true);
  });
});
