import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alteredDatabase, readContainer, writeContainer } from './support/backup-craft.js';
import { count, fails, fingerprint, initialised, login, ok, tempDir } from './support/harness.js';
import { demoWorld, NEW_PASSWORD, signedInUser } from './support/world.js';

/**
 * Issue 6: a backup's checksums are plain SHA-256, so a copy edited to make someone an
 * administrator passes them. Each backup names the install that wrote it and carries its keyed
 * tag (modules/backup/origin.ts); a restore refuses an altered one of its own, and restores one it
 * cannot vouch for only with the user's explicit consent, having named its administrators.
 */
async function department() {
  const world = await demoWorld();
  const staff = await signedInUser(world, ['staff']);
  const backup = await ok(world.core, world.admin, 'backup.create', {});
  return { ...world, staff, backup, folder: path.dirname(backup.path) };
}

const craftedName = (folder: string, n: number) => path.join(folder, `OpsDesk-manual-2025020${n}T000000000Z.opsdesk-backup`);

/** The backup with its staff user made an administrator in the database and `header` changed. */
function doctored(source: string, target: string, staffId: string, header: (h: Record<string, unknown>) => Record<string, unknown>): string {
  const db = alteredDatabase(source, path.join(tempDir(), 'doctored.sqlite'), (d) => d.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(staffId));
  const c = readContainer(source);
  writeContainer(target, { header: header(c.header), entries: c.entries.map((e) => (e.name === 'db.sqlite' ? { name: e.name, bytes: db } : e)) });
  return target;
}

const withoutOrigin = ({ installId: _id, origin: _tag, ...rest }: Record<string, unknown>) => rest;
const isAdmin = async (core: Awaited<ReturnType<typeof department>>['core'], userId: string) => (await count(core, 'user_roles', "user_id = ? AND role = 'admin'", [userId])) === 1;

describe('where a backup comes from', () => {
  it('is written into each backup: this install restores its own without a second question', async () => {
    const { core, admin, backup } = await department();
    const header = readContainer(backup.path).header;
    expect(header.installId).toMatch(/^[0-9a-f]{16}$/);
    expect(header.origin).toMatch(/^[0-9a-f]{64}$/);
    await ok(core, admin, 'backup.restore', { file: backup.fileName, confirm: true });
    const token = await login(core, 'admin');
    expect(await ok(core, token, 'audit.verify', {})).toMatchObject({ ok: true, incidents: [] });
  });

  it('refuses outright a backup that names this install but was edited (an administrator added, checksums recomputed)', async () => {
    const { core, admin, staff, backup, folder } = await department();
    const file = doctored(backup.path, craftedName(folder, 1), staff.id, (h) => h);
    const before = await fingerprint(core);
    expect(await fails(core, admin, 'backup.restore', { file: path.basename(file), confirm: true, acceptUnverifiedAuditLog: true })).toEqual({
      code: 'INVALID_STATE',
      message: 'backup.problem.altered',
    });
    expect(await fingerprint(core)).toBe(before);
    expect(await isAdmin(core, staff.id)).toBe(false);
  });

  it('restores a backup it cannot vouch for (name removed) only with consent, naming who will be administrator', async () => {
    const { core, admin, staff, backup, folder } = await department();
    const file = path.basename(doctored(backup.path, craftedName(folder, 2), staff.id, withoutOrigin));
    const before = await fingerprint(core);
    const refused = await fails(core, admin, 'backup.restore', { file, confirm: true });
    expect(refused).toMatchObject({ code: 'INVALID_STATE', message: 'backup.problem.unverifiedAuditLog', params: { adminCount: 2 } });
    expect(String(refused.params?.admins)).toContain(staff.username);
    expect(await fingerprint(core)).toBe(before);

    await ok(core, admin, 'backup.restore', { file, confirm: true, acceptUnverifiedAuditLog: true });
    expect(await isAdmin(core, staff.id)).toBe(true);
    // The restored log verifies (only user_roles was edited), so nothing is re-keyed; the account
    // whose seal no longer matches is named in the log and reported at every check.
    const token = await login(core, staff.username, NEW_PASSWORD);
    const verify = await ok(core, token, 'audit.verify', {});
    expect(verify.incidents.map((i) => i.kind)).toContain('accountTampered');
    const row = core.db.raw.prepare("SELECT after_json AS a FROM audit_log WHERE action = 'restoreVerified' ORDER BY seq DESC LIMIT 1").get() as { a: string };
    const after = JSON.parse(row.a) as { madeHere: boolean; unverifiedAccounts: unknown[] };
    expect(after.madeHere).toBe(false);
    expect(after.unverifiedAccounts).toContain(staff.username);
  });

  it('restores without consent a backup of this install written before backups were tagged, whose log and seals verify', async () => {
    const { core, admin, backup, folder } = await department();
    const c = readContainer(backup.path);
    const untagged = craftedName(folder, 3);
    writeContainer(untagged, { header: withoutOrigin(c.header), entries: c.entries });
    await ok(core, admin, 'backup.restore', { file: path.basename(untagged), confirm: true });
  });

  it('asks the same for a backup made on another PC (another install key)', async () => {
    const other = await initialised({ demo: true, auditKey: Buffer.alloc(32, 0x05) });
    const backup = await ok(other.core, other.admin, 'backup.create', {});
    const { core, admin } = await initialised({ auditKey: Buffer.alloc(32, 0x06) });
    const refused = await fails(core, admin, 'backup.restore', { file: backup.path, confirm: true });
    expect(refused).toMatchObject({ message: 'backup.problem.unverifiedAuditLog', params: { admins: 'admin', adminCount: 1 } });
  });
});
