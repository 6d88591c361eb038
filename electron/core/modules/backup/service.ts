import fs from 'node:fs';
import path from 'node:path';
import type { BackupFileView, BackupKind, BackupManifestView, BackupOverview } from '../../../../shared/api/backup.js';
import { AppError } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { SCHEMA_VERSION } from '../../db/migrations/index.js';
import { expectedSchemas } from '../../db/expected-schema.js';
import { effectiveSettings } from '../settings/effective.js';
import type { DataPaths } from '../../paths.js';
import { writtenKdf, type BackupHeader } from './container.js';
import { BackupRecordEntity } from './entities.js';
import { BackupError } from './errors.js';
import { backupRefusal } from './file-access.js';
import { freshBackupPath, listBackupFiles, parseBackupFileName, resolveBackupFolder } from './files.js';
import { backupFolderProblem, realPathSoFar } from './places.js';
import type { BackupManifest } from './reader.js';
import { planRotation } from './rotation.js';
import { makeWorkFolder, removeWorkFolder } from './work.js';

/** The backup folder that applies now (settings may point it at a USB disk or a share). */
/**
 * The backup folder in force, refused (INVALID_STATE backup.problem.folderNotAllowed) when it is a
 * system folder or inside the data folder. settings.update refuses those, but the folder may come
 * from an IT settings file or an older version: used as it is, a folder of "/" would make every
 * file on the disk "a file in the backup folder", which backup.inspect may read.
 */
export async function currentBackupFolder(ctx: Ctx): Promise<{ folder: string; settings: Awaited<ReturnType<typeof effectiveSettings>> }> {
  const found = await configuredBackupFolder(ctx);
  if (found.notAllowed) throw new AppError('INVALID_STATE', 'backup.problem.folderNotAllowed');
  return found;
}

/** The backup folder in force and whether it may be used, for callers that report rather than refuse. */
export async function configuredBackupFolder(ctx: Ctx) {
  const settings = await effectiveSettings(ctx.manager, ctx.services.machine);
  const folder = resolveBackupFolder(settings.backup.folder, ctx.services.paths);
  return { folder, settings, notAllowed: backupFolderProblem(folder, ctx.services.paths) !== null };
}

export function manifestView(m: BackupManifest): BackupManifestView {
  return {
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    schemaVersion: m.schemaVersion,
    kind: m.kind,
    counts: m.counts,
    parts: m.parts.length,
    totalBytes: m.parts.reduce((sum, p) => sum + p.size, 0),
  };
}

function refusingTarget(target: string, paths: DataPaths): string {
  try {
    return checkTarget(target, paths);
  } catch (err) {
    throw err instanceof BackupError ? backupRefusal(err) : err;
  }
}

/** Where `backup --out FILE` may write: not over a folder, not into the data folder's own files. */
function checkTarget(target: string, paths: DataPaths): string {
  const file = path.resolve(target);
  let existing: fs.Stats | null = null;
  try {
    existing = fs.statSync(file);
  } catch {
    // a new file
  }
  if (existing?.isDirectory()) throw new BackupError('targetIsFolder');
  if (existing && !existing.isFile()) throw new BackupError('targetUnsafe', `${file} is not a regular file`);
  for (const candidate of [file, realPathSoFar(file)]) {
    const problem = backupFolderProblem(path.dirname(candidate), paths);
    if (problem === 'systemFolder') throw new BackupError('targetInSystemFolder');
    if (problem === 'insideDataFolder') throw new BackupError('targetInDataFolder');
  }
  return file;
}

/**
 * Writes a backup: an online-backup snapshot of the database (never a copy of the live file) and
 * every attachment, packed and checked on the worker thread, then read back in full before it is
 * recorded. Automatic backups rotate old ones out only after the new one verified. The snapshot
 * and the read-back copy live in the data folder's private work folder, never beside the backup.
 */
/**
 * OpsDesk's backups are copies of the desktop's SQLite file. On a PostgreSQL server the data is
 * backed up where it lives, by the server's administrator (pg_dump / pg_restore): refused, saying so.
 */
export function assertDesktopDatabase(ctx: Ctx): void {
  if (ctx.services.database.current().engine !== 'sqlite') throw new AppError('INVALID_STATE', 'backup.problem.onServer');
}

export async function createBackup(ctx: Ctx, o: { kind: BackupKind; password: string | null; target?: string }): Promise<BackupFileView> {
  assertDesktopDatabase(ctx);
  const { settings } = await currentBackupFolder(ctx);
  const paths = ctx.services.paths;
  const { folder, target } = await destinationOf(ctx, o);
  if (beingWritten.has(target)) throw new AppError('INVALID_STATE', 'backup.problem.targetBusy');
  beingWritten.add(target);
  const work = makeWorkFolder(paths, 'snapshot');
  let written = false;
  try {
    ctx.progress(0, 3, 'snapshot');
    const keys = ctx.services.auditChain.keys;
    const header: Omit<BackupHeader, 'encryption' | 'origin'> = {
      app: 'OpsDesk',
      createdAt: ctx.nowIso,
      appVersion: ctx.services.appVersion,
      schemaVersion: SCHEMA_VERSION,
      kind: o.kind,
      installId: keys.keyId,
    };
    const schemas = await expectedSchemas();
    // Snapshot, packing and the read-back run on the worker, off the connection: the other calls
    // go on meanwhile (kernel/gate.ts); only the short transaction recording the backup waits.
    // The key is derived with the same scrypt cost as passwords (N=2^17 in the app; cheaper in tests).
    const packed = await ctx.unlocked(() =>
      ctx.services.jobs.run('packBackup', {
        database: paths.dbFile,
        snapshot: path.join(work, 'snapshot.sqlite'),
        attachmentsDir: paths.attachmentsDir,
        target,
        password: o.password,
        header,
        originKey: keys.backupOrigin.toString('hex'),
        kdf: writtenKdf(ctx.services.passwordCost),
        schemas,
      }, () => ctx.progress(1, 3, 'packing')),
    );
    written = true;
    ctx.progress(2, 3, 'verifying');
    await ctx.unlocked(() => verifyInWorkFolder(ctx, target, o.password));
    await ctx.withTransaction(async (tx) => {
      await recordVerification(tx, {
        file: target,
        kind: o.kind,
        createdAt: tx.nowIso,
        encrypted: o.password !== null,
        fileSha256: packed.fileSha256,
        ok: true,
        problem: null,
        manifest: manifestView(packed.manifest),
      });
      await tx.audit({
        entity: 'backup',
        recordId: null,
        action: 'create',
        after: { fileName: path.basename(target), folder, kind: o.kind, size: packed.size, encrypted: o.password !== null, damagedAttachments: packed.damagedAttachments },
      });
    });
    written = false; // recorded: from here on the file stays, whatever fails
    const view = (await fileViews(ctx, folder)).find((f) => f.path === target) ?? fileViewOf(target, { ...header, encryption: null }, o.password !== null);
    if (o.kind === 'auto') await rotate(ctx, folder, settings.backup);
    ctx.progress(3, 3, 'done');
    return view;
  } catch (err) {
    // Only a file this backup wrote is removed: a failure before that leaves an existing one alone.
    if (written) fs.rmSync(target, { force: true });
    if (err instanceof BackupError) throw backupRefusal(err);
    throw err;
  } finally {
    beingWritten.delete(target);
    removeWorkFolder(work);
  }
}

/**
 * The file a backup goes to: the CLI's --out (checked: not over a folder, not into the data
 * folder's own files), or a new name in the backup folder, which is created if needed.
 */
async function destinationOf(ctx: Ctx, o: { kind: BackupKind; target?: string }): Promise<{ folder: string; target: string }> {
  const requested = o.target ? refusingTarget(o.target, ctx.services.paths) : null;
  const folder = requested ? path.dirname(requested) : (await currentBackupFolder(ctx)).folder;
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch {
    throw new AppError('INVALID_STATE', 'backup.problem.folderUnavailable');
  }
  return { folder, target: requested ?? freshBackupPath(folder, o.kind, ctx.now, beingWritten) };
}

/**
 * Backups being written in this process: their file appears only at the final rename, and
 * backups run side by side now (off the connection), so a second one in the same millisecond
 * must not pick the same name (and the same `.partial`).
 */
const beingWritten = new Set<string>();

/** Reads a backup back in full (the worker decrypts its database into a private work folder). */
export async function verifyInWorkFolder(ctx: Ctx, file: string, password: string | null) {
  const work = makeWorkFolder(ctx.services.paths, 'verify');
  try {
    return await ctx.services.jobs.run('unpackBackup', { file, password, mode: 'verify', workDir: work, schemas: await expectedSchemas() });
  } finally {
    removeWorkFolder(work);
  }
}

/** Deletes the automatic backups the policy no longer keeps: only ours, only in the backup folder. */
async function rotate(ctx: Ctx, folder: string, policy: { keepDaily: number; keepWeekly: number; keepMonthly: number }): Promise<void> {
  const autos = listBackupFiles(folder).filter((f) => f.kind === 'auto');
  const { remove } = planRotation(autos, policy);
  if (remove.length === 0) return;
  for (const f of remove) fs.rmSync(path.join(folder, f.fileName), { force: true });
  await ctx.withTransaction((tx) =>
    tx.audit({ entity: 'backup', recordId: null, action: 'rotate', after: { folder, removed: remove.map((f) => f.fileName) } }),
  );
}

/** Remembers what a check of a backup file found (inserting or updating its record). */
export async function recordVerification(
  tx: Ctx,
  r: { file: string; kind: BackupKind; createdAt: string; encrypted: boolean; fileSha256: string | null; ok: boolean; problem: string | null; manifest: BackupManifestView | null },
): Promise<void> {
  const repo = tx.manager.getRepository(BackupRecordEntity);
  const where = { fileName: path.basename(r.file), folder: path.dirname(r.file) };
  const fields = { verifiedAt: tx.nowIso, verifyOk: r.ok ? 1 : 0, verifyProblem: r.problem, ...(r.manifest ? { manifestJson: JSON.stringify(r.manifest) } : {}) };
  const existing = await repo.findOne({ where });
  if (existing) return void (await repo.update({ id: existing.id }, fields));
  await repo.insert({
    id: tx.services.newId(),
    ...where,
    kind: r.kind,
    createdAt: r.createdAt,
    size: fileSize(r.file),
    fileSha256: r.fileSha256,
    encrypted: r.encrypted,
    manifestJson: null,
    ...fields,
  });
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The files in the folder with what OpsDesk recorded about them. */
async function fileViews(ctx: Ctx, folder: string): Promise<BackupFileView[]> {
  const records = await ctx.manager.getRepository(BackupRecordEntity).find({ where: { folder }, order: { verifiedAt: 'DESC' } });
  const files = listBackupFiles(folder);
  // Read on the worker: the folder may be a slow share. A damaged file is still listed (header
  // null); verifying it reports why.
  const headers = await ctx.unlocked(() => ctx.services.jobs.run('readBackupHeaders', { files: files.map((f) => f.path) }));
  return files.map((f, i) => {
    const record = records.find((r) => r.fileName === f.fileName);
    const header = headers[i] ?? null;
    return {
      fileName: f.fileName,
      path: f.path,
      kind: f.kind,
      createdAt: f.createdAt.toISOString(),
      size: f.size,
      encrypted: header ? header.encryption !== null : (record?.encrypted ?? false),
      appVersion: header?.appVersion ?? null,
      schemaVersion: header?.schemaVersion ?? null,
      verifiedAt: record?.verifiedAt ?? null,
      verifyOk: record?.verifyOk === null || record?.verifyOk === undefined ? null : record.verifyOk === 1,
      verifyProblem: record?.verifyProblem ?? null,
    };
  });
}

export async function overview(ctx: Ctx, autoProblem: string | null): Promise<BackupOverview> {
  const { folder, settings, notAllowed } = await configuredBackupFolder(ctx);
  // The Data page still opens, saying why nothing can be backed up until the folder is changed.
  if (notAllowed) autoProblem = 'backup.problem.folderNotAllowed';
  // On a server nothing is backed up here (assertDesktopDatabase): the page says so, with no next time.
  const onServer = ctx.services.database.current().engine !== 'sqlite';
  if (onServer) autoProblem = 'backup.problem.onServer';
  const backups = notAllowed ? [] : await fileViews(ctx, folder);
  const lastAuto = backups.find((b) => b.kind === 'auto')?.createdAt ?? null;
  const next = !settings.backup.enabled || onServer
    ? null
    : lastAuto
      ? new Date(Math.max(new Date(lastAuto).getTime() + settings.backup.intervalHours * 3_600_000, ctx.now.getTime())).toISOString()
      : ctx.nowIso;
  return { folder, policy: settings.backup, lastAutoBackupAt: lastAuto, nextAutoBackupAt: next, autoProblem, backups, canPickFile: ctx.services.fileDialog !== null };
}

export function fileViewOf(file: string, header: BackupHeader, encrypted = header.encryption !== null): BackupFileView {
  const parsed = parseBackupFileName(path.basename(file));
  return {
    fileName: path.basename(file),
    path: file,
    kind: (parsed?.kind ?? header.kind) as BackupKind,
    createdAt: header.createdAt,
    size: fileSize(file),
    encrypted,
    appVersion: header.appVersion,
    schemaVersion: header.schemaVersion,
    verifiedAt: null,
    verifyOk: null,
    verifyProblem: null,
  };
}

