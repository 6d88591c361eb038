import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/index.js';
import { readBackup } from '../../electron/core/modules/backup/reader.js';
import { AuditChain, adoptRestoredAuditLog } from '../../electron/core/kernel/audit.js';
import { checkAccounts } from '../../electron/core/kernel/account-seals.js';
import { closeCore, count, fails, initialised, login, ok, openCore } from './support/harness.js';
import { BEFORE_KEYED_CHAIN, previousVersionFolder } from './support/legacy.js';

/**
 * The audit chain across backup and restore: the backup's manifest records the head, and a
 * restored log verifies under this install's key with a checkpoint that matches, whether the
 * backup was made here, on another PC (another key), or by the previous version.
 */
const newestRow = (core: Core) => core.db.raw.prepare('SELECT seq AS count, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { count: number; hash: string };
const afterJsonOf = (core: Core, action: string) =>
  JSON.parse((core.db.raw.prepare("SELECT after_json AS a FROM audit_log WHERE entity = 'audit' AND action = ? ORDER BY seq DESC").get(action) as { a: string }).a) as Record<string, unknown>;

/** Copies a backup file into another data folder's backup folder (a USB disk carried to the new PC). */
function carry(file: string, toDataDir: string): string {
  const folder = path.join(toDataDir, 'backups');
  fs.mkdirSync(folder, { recursive: true });
  fs.copyFileSync(file, path.join(folder, path.basename(file)));
  return path.basename(file);
}

describe('audit chain across backup and restore', () => {
  it('records the audit head in the backup manifest', async () => {
    const { core, admin } = await initialised({ demo: true });
    const head = newestRow(core);
    const backup = await ok(core, admin, 'backup.create', {});
    const { manifest } = readBackup(backup.path, null, () => null, { stopAfterManifest: true });
    expect(manifest.auditHead).toEqual(head);
  });

  it("restores this install's backup: the chain verifies as it was and the checkpoint matches", async () => {
    const { core, admin } = await initialised({ demo: true });
    const backup = await ok(core, admin, 'backup.create', {});
    for (let i = 0; i < 3; i++) await ok(core, admin, 'org.groups.create', { name: `备份后的组${i}` });
    await ok(core, admin, 'backup.restore', { file: backup.fileName, confirm: true });
    // The restored log is shorter than the one the checkpoint had seen: not a truncation.
    expect(await ok(core, admin, 'audit.verify', {})).toMatchObject({ ok: true, firstBrokenSeq: null, truncated: false, checkpoint: 'matches', keyedFromSeq: 1, incidents: [] });
    expect(afterJsonOf(core, 'restoreVerified')).toMatchObject({ rekeyedFromSeq: null, plainRows: 0, manifestHeadMatches: true, unverifiedAccounts: [] });
    // Work goes on on the restored chain.
    await ok(core, admin, 'org.groups.create', { name: '恢复后的组' });
    expect((await ok(core, admin, 'audit.verify', {})).ok).toBe(true);
    expect(await count(core, 'audit_log', "method = 'audit.integrity'")).toBe(0);
  });

  it('keeps the checkpoint true when the process dies right after the swap (before the live core rewrote it)', async () => {
    const { core, admin, dir } = await initialised({ demo: true });
    const backup = await ok(core, admin, 'backup.create', {});
    for (let i = 0; i < 3; i++) await ok(core, admin, 'org.groups.create', { name: `备份后的组${i}` });
    // What a kill after the swap leaves: the live core never gets to write its checkpoint.
    const resync = vi.spyOn(AuditChain.prototype, 'resync').mockRejectedValue(new Error('killed'));
    const live = path.join(dir, 'audit-checkpoint.json');
    const commit = AuditChain.prototype.committed;
    const write = vi.spyOn(AuditChain.prototype, 'committed').mockImplementation(function (this: AuditChain, head) {
      // The scratch core that records the restore in its work folder still writes its own.
      if ((this as unknown as { checkpointFile: string }).checkpointFile !== live) commit.call(this, head);
    });
    try {
      await ok(core, admin, 'backup.restore', { file: backup.fileName, confirm: true });
    } finally {
      resync.mockRestore();
      write.mockRestore();
    }
    await closeCore(core);
    const reopened = await openCore({ dataDir: dir });
    const token = await login(reopened.core, 'admin');
    expect(await ok(reopened.core, token, 'audit.verify', {})).toMatchObject({ ok: true, truncated: false, checkpoint: 'matches', incidents: [] });
    expect(fs.readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it('re-keys the chain of a backup made on another PC under this install key, and the log says so', async () => {
    const old = await initialised({ demo: true, auditKey: Buffer.alloc(32, 0x01) });
    const backup = await ok(old.core, old.admin, 'backup.create', {});
    const rowsInBackup = newestRow(old.core).count - 1; // the backup's own row came after it

    const fresh = await initialised({ auditKey: Buffer.alloc(32, 0x02) });
    const file = carry(backup.path, fresh.dir);
    // Its log cannot be verified here: the restore names the administrators and waits for consent.
    expect(await fails(fresh.core, fresh.admin, 'backup.restore', { file, confirm: true })).toMatchObject({ message: 'backup.problem.unverifiedAuditLog', params: { adminCount: 1 } });
    await ok(fresh.core, fresh.admin, 'backup.restore', { file, confirm: true, acceptUnverifiedAuditLog: true });
    const admin = await login(fresh.core, 'admin');
    const result = await ok(fresh.core, admin, 'audit.verify', {});
    expect(result).toMatchObject({ ok: true, firstBrokenSeq: null, checkpoint: 'matches', keyedFromSeq: 1 });
    expect(result.incidents).toEqual([{ seq: rowsInBackup + 1, at: expect.any(String), kind: 'resealed' }]);
    expect(afterJsonOf(fresh.core, 'resealed')).toMatchObject({ madeHere: false, rekeyedFromSeq: 1, rows: rowsInBackup, plainRows: 0, accountsSealed: true, manifestHeadMatches: true });
    // Accounts restored from the other PC are sealed here: doctor does not report them.
    const accounts = await fresh.core.runInternal('test.accounts', null, (ctx) => checkAccounts(ctx.manager, ctx.services.auditChain.keys), { transaction: false });
    expect(accounts.ok).toBe(true);
  });

  it('restores a backup whose log began under the previous version: its plain rows verify as they are', async () => {
    const { dir } = await previousVersionFolder(BEFORE_KEYED_CHAIN);
    const { core: older } = await openCore({ dataDir: dir });
    const admin0 = await login(older, 'admin');
    const backup = await ok(older, admin0, 'backup.create', {});
    const { core, admin, dir: here } = await initialised();
    const file = carry(backup.path, here);
    await ok(core, admin, 'backup.restore', { file, confirm: true });
    const token = await login(core, 'admin');
    const result = await ok(core, token, 'audit.verify', {});
    expect(result).toMatchObject({ ok: true, checkpoint: 'matches', incidents: [] });
    expect(result.keyedFromSeq).toBeGreaterThan(20);
    expect(afterJsonOf(core, 'restoreVerified')).toMatchObject({ rekeyedFromSeq: null, plainRows: result.keyedFromSeq! - 1, accountsSealed: false });
  });

  it('re-keys from the first row that does not verify, closing gaps in seq (a doctored backup)', async () => {
    const { core, admin } = await initialised({ demo: true });
    const before = newestRow(core);
    // What a doctored backup's database holds once in place: a row deleted, the rest as it was.
    core.db.raw.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    const adopted = await core.runInternal('test.adopt', null, (ctx) => adoptRestoredAuditLog(ctx, { auditHead: before }, 'elsewhere'));
    expect(adopted).toEqual({ verified: false, rekeyedFromSeq: 4 });
    // The newest row is untouched, so the head still matches the manifest: only the walk finds the gap.
    expect(afterJsonOf(core, 'resealed')).toMatchObject({ rekeyedFromSeq: 4, plainRows: 0, manifestHeadMatches: true, foundHead: before });
    expect(await ok(core, admin, 'audit.verify', {})).toMatchObject({ ok: true, firstBrokenSeq: null, rows: before.count });
    expect(newestRow(core).count).toBe(before.count); // seq closed up: before.count - 1 old rows plus the 'resealed' row
  });
});
