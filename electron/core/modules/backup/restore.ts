import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { AppError } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { putBlob } from '../../kernel/file-store.js';
import { adoptRestoredAuditLog } from '../../kernel/audit.js';
import { openDatabase } from '../../db/data-source.js';
import { DatabaseOpenError } from '../../db/errors.js';
import { SCHEMA_VERSION } from '../../db/migrations/index.js';
import { ALL_ENTITIES } from '../../entities.js';
import { readHeader } from './container.js';
import { BackupError } from './errors.js';
import { backupRefusal, createBackup, manifestView, recordVerification, resolveBackupFile } from './service.js';
import { parseBackupFileName } from './files.js';
import { swapBack, swapIn } from './swap.js';

/**
 * Restore (恢复): verify the backup completely into a staging folder, migrate an older one forward
 * there, save the current data as a backup, then swap the database atomically and reopen it. The
 * current data is untouched until the swap, and the swap itself survives a crash (swap.ts).
 */
export async function restore(ctx: Ctx, input: ParsedInputOf<'backup.restore'>) {
  const file = await resolveBackupFile(ctx, input.file);
  const paths = ctx.services.paths;
  const staging = path.join(paths.dataDir, 'restore-staging');
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    if (readHeader(file).header.schemaVersion > SCHEMA_VERSION) throw new BackupError('newerSchema');
    ctx.progress(0, 4, 'verifying');
    const { manifest } = await ctx.services.jobs.run('unpackBackup', { file, password: input.password ?? null, stagingDir: staging });
    if (manifest.schemaVersion > SCHEMA_VERSION) throw new BackupError('newerSchema');
    const stagedDb = path.join(staging, 'db.sqlite');
    await migrateForward(stagedDb, staging);

    ctx.progress(1, 4, 'saving current data');
    const before = await createBackup(ctx, { kind: 'pre-restore', password: null });

    ctx.progress(2, 4, 'restoring');
    copyAttachments(path.join(staging, 'attachments'), paths.attachmentsDir);
    const aside = `${paths.dbFile}.before-restore-${ctx.services.newId()}`;
    await ctx.services.database.reopenAfter(
      () => swapIn(paths, stagedDb, aside),
      () => swapBack(paths, aside),
    );
    fs.rmSync(aside, { force: true });

    // The restore is recorded in the restored database's own audit log, with the two backups just
    // verified (the restored one, and the one of the data before), which that database never saw.
    await ctx.withTransaction(async (tx) => {
      await adoptRestoredAuditLog(tx, manifest);
      const view = manifestView(manifest);
      await recordVerification(tx, { file, kind: parseBackupFileName(path.basename(file))?.kind ?? 'manual', createdAt: manifest.createdAt, encrypted: Boolean(input.password), fileSha256: null, ok: true, problem: null, manifest: view });
      await recordVerification(tx, { file: before.path, kind: 'pre-restore', createdAt: before.createdAt, encrypted: false, fileSha256: null, ok: true, problem: null, manifest: null });
      await tx.audit({
        entity: 'backup',
        recordId: null,
        action: 'restore',
        after: { restoredFrom: path.basename(file), backupCreatedAt: manifest.createdAt, preRestoreBackup: before.fileName },
      });
    });
    // Sessions stay: every call re-reads its user from the (now restored) database, so an account
    // that does not exist or is disabled there is signed out at its next call, and roles apply as
    // restored.
    ctx.progress(4, 4, 'done');
    return { restoredFrom: path.basename(file), preRestoreBackup: before.fileName, manifest: manifestView(manifest) };
  } catch (err) {
    if (err instanceof BackupError) throw backupRefusal(err);
    if (err instanceof DatabaseOpenError && err.reason === 'newerVersion') throw new AppError('INVALID_STATE', 'backup.problem.newerSchema');
    throw err;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** An older backup is brought to this version's schema on the staged copy, never on live data. */
async function migrateForward(stagedDb: string, staging: string): Promise<void> {
  const db = await openDatabase({ dbFile: stagedDb, backupsDir: path.join(staging, 'migration-backups'), entities: ALL_ENTITIES });
  await db.close();
}

function copyAttachments(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  for (const name of fs.readdirSync(from)) putBlob(to, fs.readFileSync(path.join(from, name)));
}
