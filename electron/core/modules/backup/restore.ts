import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { Ctx } from '../../kernel/context.js';
import { putBlob } from '../../kernel/file-store.js';
import { SCHEMA_VERSION } from '../../db/migrations/index.js';
import { expectedSchemas } from '../../db/expected-schema.js';
import { checkpointPath } from '../../kernel/audit-checkpoint.js';
import { BackupError } from './errors.js';
import { refusalFor, resolveBackupFile, type FileAccess } from './file-access.js';
import { parseBackupFileName } from './files.js';
import type { Core } from '../../index.js';
import { restoredLogVouched } from '../../kernel/audit.js';
import { originOf } from './origin.js';
import { openRestored, recordRestore } from './restore-prepare.js';
import { assertDesktopDatabase, createBackup, currentBackupFolder, manifestView } from './service.js';
import { swapBack, swapIn } from './swap.js';
import { makeWorkFolder, removeWorkFolder } from './work.js';

/**
 * Restore (恢复), in an order where nothing of the current data changes until the last step:
 * 1. verify the backup completely into a private work folder (every checksum, the tag,
 *    integrity, and its schema against what its version must have);
 * 2. open the restored database through the core in that folder (restore-prepare.ts): migrate an
 *    older one forward, check the schema against this build's, read every table; a backup that is
 *    not this install's own (origin.ts) and whose audit log does not verify here needs the
 *    user's consent (acceptUnverifiedAuditLog);
 * 3. save the current data as a (pre-restore) backup;
 * 4. record the restore in the restored database, still in the work folder;
 * 5. swap the database files atomically and reopen: a failure here puts the old files back, and
 *    a crash here is rolled back at the next start (swap.ts).
 * A refusal in steps 1-4 is INVALID_STATE with its reason and leaves the live data as it was.
 */
export async function restore(ctx: Ctx, input: ParsedInputOf<'backup.restore'>, access: FileAccess) {
  assertDesktopDatabase(ctx);
  const { folder } = await currentBackupFolder(ctx);
  const file = await resolveBackupFile(ctx, input.file, folder, access);
  const paths = ctx.services.paths;
  const work = makeWorkFolder(paths, 'restore');
  try {
    ctx.progress(0, 5, 'verifying');
    const schemas = await expectedSchemas();
    // Reading and checking the candidate needs no live data: other calls go on meanwhile.
    const unpacked = await ctx.unlocked(() =>
      ctx.services.jobs.run('unpackBackup', { file: file.path, password: input.password ?? null, mode: 'extract', workDir: work, schemas }),
    );
    const manifest = unpacked.manifest;
    if (!manifest || !unpacked.manifestSha256) throw new BackupError('corrupt', 'no manifest');
    if (manifest.schemaVersion > SCHEMA_VERSION) throw new BackupError('newerSchema');
    const origin = originOf(ctx.services.auditChain.keys, unpacked.header, unpacked.manifestSha256);
    if (origin === 'altered') throw new BackupError('altered');

    ctx.progress(1, 5, 'checking');
    const restored = await openRestored(ctx, path.join(work, 'db.sqlite'), path.join(work, 'data'));
    let open = true;
    const closeRestored = async () => {
      // Closing folds the scratch core's WAL into its file: the staged database is one file.
      if (open) await restored.close();
      open = false;
    };
    try {
      if (origin === 'elsewhere') await assertVouchedOrAccepted(restored, input.acceptUnverifiedAuditLog === true);
      // From the pre-restore backup to the swap no other call runs: a write in between would be
      // in neither the pre-restore backup nor the restored data.
      return await ctx.exclusive(async () => {
        ctx.progress(2, 5, 'saving current data');
        const preRestore = await createBackup(ctx, { kind: 'pre-restore', password: null });
        await recordRestore(ctx, restored, {
          file: file.path,
          kind: parseBackupFileName(path.basename(file.path))?.kind ?? 'manual',
          encrypted: Boolean(input.password),
          manifest,
          origin,
          preRestore,
        });
        const staged = { db: restored.info.paths.dbFile, checkpoint: checkpointPath(restored.info.paths.dataDir) };
        await closeRestored();

        ctx.progress(3, 5, 'copying attachments');
        copyAttachments(path.join(work, 'attachments'), paths.attachmentsDir);
        ctx.progress(4, 5, 'restoring');
        const aside = `${paths.dbFile}.before-restore-${ctx.services.newId()}`;
        await swapAndReopen(ctx, staged, aside);
        // The swap is complete: nothing below may fail the restore. A copy of the old file that cannot
        // be removed now (Windows: still open by an antivirus) goes at the next start (swap.ts).
        for (const suffix of ['', '-wal', '-shm', '.checkpoint']) removeQuietly(aside + suffix);
        await resyncAuditChain(ctx);
        // Sessions stay: every call re-reads its user from the (now restored) database, so an account
        // that does not exist or is disabled there is signed out at its next call, and roles apply as
        // restored.
        ctx.progress(5, 5, 'done');
        return { restoredFrom: path.basename(file.path), preRestoreBackup: preRestore.fileName, manifest: manifestView(manifest) };
      });
    } finally {
      await closeRestored();
    }
  } catch (err) {
    if (err instanceof BackupError) throw refusalFor(err, file);
    throw err;
  } finally {
    removeWorkFolder(work);
  }
}

/**
 * A backup not known to be this install's own: its audit log and accounts must verify with this
 * install's key, or the user must have agreed, having been shown who will be an administrator
 * (a backup edited to make someone an administrator, with its checksums recomputed, looks like
 * one made on another computer: only the person restoring can tell).
 */
async function assertVouchedOrAccepted(restored: Core, accepted: boolean): Promise<void> {
  if (accepted) return;
  const found = await restored.runInternal('backup.restore.check', null, (c) => restoredLogVouched(c.manager, c.services.auditChain.keys), { transaction: false });
  if (!found.vouched) throw new BackupError('unverifiedAuditLog', undefined, { admins: found.admins.join('、'), adminCount: found.admins.length });
}

/**
 * The one step that touches the live files. If the swap or the reopening fails, the slot puts the
 * old files back and reopens them (db/slot.ts): the restore is reported as undone. A full or
 * read-only disk keeps its own message (the dispatcher's).
 */
async function swapAndReopen(ctx: Ctx, staged: { db: string; checkpoint: string }, aside: string): Promise<void> {
  const paths = ctx.services.paths;
  const hadCheckpoint = fs.existsSync(checkpointPath(paths.dataDir));
  try {
    await ctx.services.database.reopenAfter(
      () => swapIn(paths, staged.db, aside, staged.checkpoint),
      () => swapBack(paths, aside, hadCheckpoint),
    );
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (/SQLITE_FULL|disk is full|ENOSPC|SQLITE_READONLY|readonly database|EROFS|EACCES/i.test(text)) throw err;
    throw new BackupError('rolledBack', text);
  }
}

/** The live core now expects the restored log's head; the checkpoint follows (kernel/audit.ts). */
async function resyncAuditChain(ctx: Ctx): Promise<void> {
  try {
    await ctx.services.auditChain.resync(ctx.services.database.current().dataSource.manager);
  } catch {
    // The restore stands: doctor shows the checkpoint behind until the next audited change.
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // see above
  }
}

/** Attachments are stored by content hash: copying the backup's in never overwrites one. */
function copyAttachments(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  for (const name of fs.readdirSync(from)) putBlob(to, fs.readFileSync(path.join(from, name)));
}
