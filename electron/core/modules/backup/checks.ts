import path from 'node:path';
import type { BackupManifestView } from '../../../../shared/api/backup.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import type { Ctx } from '../../kernel/context.js';
import { BackupError, type BackupProblem } from './errors.js';
import { refusalFor, resolveBackupFile, type FileAccess } from './file-access.js';
import { parseBackupFileName } from './files.js';
import { currentBackupFolder, fileViewOf, manifestView, recordVerification, verifyInWorkFolder } from './service.js';

/** backup.inspect: a backup's header and manifest, for showing it before a restore (not a full check). */
export async function inspect(ctx: Ctx, input: ParsedInputOf<'backup.inspect'>, access: FileAccess) {
  const { folder } = await currentBackupFolder(ctx);
  const file = await resolveBackupFile(ctx, input.file, folder, access);
  try {
    const { header } = await ctx.unlocked(() => ctx.services.jobs.run('unpackBackup', { file: file.path, password: null, mode: 'header' }));
    const view = fileViewOf(file.path, header);
    if (header.encryption && !input.password) return { file: view, needsPassword: true, manifest: null };
    const { manifest } = await ctx.unlocked(() => ctx.services.jobs.run('unpackBackup', { file: file.path, password: input.password ?? null, mode: 'manifest' }));
    return { file: view, needsPassword: header.encryption !== null, manifest: manifest ? manifestView(manifest) : null };
  } catch (err) {
    if (err instanceof BackupError) throw refusalFor(err, file);
    throw err;
  }
}

/**
 * A missing or wrong password says nothing about the file, and something that is not a backup
 * file is not one of ours to remember: these are reported, and nothing is recorded.
 */
const UNRECORDED: readonly BackupProblem[] = ['passwordRequired', 'wrongPassword', 'notFound', 'notAFile', 'unreadable', 'notABackup', 'unsupportedFormat'];

/** backup.verify: the full check of a backup (as a restore would), remembered for the list. */
export async function verify(ctx: Ctx, input: ParsedInputOf<'backup.verify'>, access: FileAccess) {
  const { folder } = await currentBackupFolder(ctx);
  const file = await resolveBackupFile(ctx, input.file, folder, access);
  let result: { ok: boolean; problem: string | null; manifest: BackupManifestView | null };
  try {
    const { manifest } = await ctx.unlocked(() => verifyInWorkFolder(ctx, file.path, input.password ?? null));
    result = { ok: true, problem: null, manifest: manifest ? manifestView(manifest) : null };
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    if (UNRECORDED.includes(err.problem)) throw refusalFor(err, file);
    result = { ok: false, problem: `backup.problem.${err.problem}`, manifest: null };
  }
  await ctx.withTransaction(async (tx) => {
    const parsed = parseBackupFileName(path.basename(file.path));
    await recordVerification(tx, {
      file: file.path,
      kind: parsed?.kind ?? 'manual',
      createdAt: result.manifest?.createdAt ?? parsed?.createdAt.toISOString() ?? tx.nowIso,
      encrypted: Boolean(input.password),
      fileSha256: null,
      ok: result.ok,
      problem: result.problem,
      manifest: result.manifest,
    });
    await tx.audit({ entity: 'backup', recordId: null, action: 'verify', after: { file: file.path, ok: result.ok, problem: result.problem } });
  });
  return result;
}
