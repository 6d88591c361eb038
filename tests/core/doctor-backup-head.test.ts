import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../electron/core/maintenance/doctor.js';
import { closeCore, count, initialised, ok, openCore } from './support/harness.js';

/**
 * Issue 6: deleting the newest audit rows and putting back an older copy of the (validly tagged)
 * checkpoint passes the checkpoint check. Doctor also compares the log with the head recorded in
 * the newest backup this install made since the last restore (maintenance/doctor-backups.ts).
 */
const backupHeadCheck = async (core: Parameters<typeof runDoctor>[0]) => {
  const report = await runDoctor(core);
  return { check: report.checks.find((c) => c.name === 'auditBackupHead')!, found: report.auditBackupHead, chain: report.checks.find((c) => c.name === 'auditChain')! };
};

describe('doctor: the audit log against the newest backup', () => {
  it('finds rows deleted behind an old copy of the checkpoint put back', async () => {
    const { core, admin, dir, clock } = await initialised({ demo: true });
    const checkpoint = path.join(dir, 'audit-checkpoint.json');
    const oldCheckpoint = fs.readFileSync(checkpoint);
    const keep = await count(core, 'audit_log');
    for (let i = 0; i < 3; i++) await ok(core, admin, 'org.groups.create', { name: `要删掉痕迹的组${i}` });
    clock.advance(60_000);
    const backup = await ok(core, admin, 'backup.create', {});
    expect(await backupHeadCheck(core)).toMatchObject({ check: { ok: true }, found: { result: 'matches', file: backup.path } });
    await closeCore(core);

    const db = new Database(path.join(dir, 'opsdesk.sqlite'));
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(keep);
    db.close();
    fs.writeFileSync(checkpoint, oldCheckpoint);

    const reopened = (await openCore({ dataDir: dir, clock })).core;
    const found = await backupHeadCheck(reopened);
    expect(found.chain.ok).toBe(true); // the checkpoint alone is fooled
    expect(found.found).toMatchObject({ result: 'truncated', file: backup.path });
    expect(found.check.ok).toBe(false);
    expect(found.check.details.join('\n')).toContain('its newest rows were deleted');
  });

  it('does not compare with backups made before the latest restore (the restore replaced the log)', async () => {
    const { core, admin, clock } = await initialised({ demo: true });
    const older = await ok(core, admin, 'backup.create', {});
    for (let i = 0; i < 3; i++) await ok(core, admin, 'org.groups.create', { name: `恢复后消失的组${i}` });
    clock.advance(60_000);
    await ok(core, admin, 'backup.create', {});
    clock.advance(60_000);
    await ok(core, admin, 'backup.restore', { file: older.fileName, confirm: true });
    expect(await backupHeadCheck(core)).toMatchObject({ check: { ok: true, details: [] }, found: { result: 'noBackup' } });
    clock.advance(60_000);
    const after = await ok(core, admin, 'backup.create', {});
    expect((await backupHeadCheck(core)).found).toMatchObject({ result: 'matches', file: after.path });
  });
});
