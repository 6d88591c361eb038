import fs from 'node:fs';
import path from 'node:path';
import type { BackupFileView, BackupKind, BackupManifestView, BackupOverview } from '../../../../shared/api/backup.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { AppError } from '../../kernel/errors.js';
import type { Ctx } from '../../kernel/context.js';
import { AttachmentEntity } from '../../kernel/entities.js';
import { blobPath } from '../../kernel/file-store.js';
import { SCHEMA_VERSION } from '../../db/migrations/index.js';
import { effectiveSettings } from '../settings/effective.js';
import { readHeader, type BackupHeader } from './container.js';
import { BackupRecordEntity } from './entities.js';
import { BackupError } from './errors.js';
import { freshBackupPath, listBackupFiles, parseBackupFileName, resolveBackupFolder } from './files.js';
import type { BackupManifest } from './reader.js';
import { planRotation } from './rotation.js';

/** The backup folder that applies now (settings may point it at a USB disk or a share). */
export async function currentBackupFolder(ctx: Ctx): Promise<{ folder: string; settings: Awaited<ReturnType<typeof effectiveSettings>> }> {
  const settings = await effectiveSettings(ctx.manager, ctx.services.machine);
  return { folder: resolveBackupFolder(settings.backup.folder, ctx.services.paths), settings };
}

/** A refusal the UI explains: each reason has its own message (i18n `backup.problem.<reason>`). */
export function backupRefusal(err: BackupError): AppError {
  return new AppError('INVALID_STATE', `backup.problem.${err.problem}`);
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

/**
 * Writes a backup: an online-backup snapshot of the database (never a copy of the live file) and
 * every attachment, packed and checked on the worker thread, then read back in full before it is
 * recorded. Automatic backups rotate old ones out only after the new one verified.
 */
export async function createBackup(ctx: Ctx, o: { kind: BackupKind; password: string | null; target?: string }): Promise<BackupFileView> {
  const current = await currentBackupFolder(ctx);
  const settings = current.settings;
  // The CLI's --out writes one file elsewhere; otherwise backups go to the backup folder.
  const folder = o.target ? path.dirname(path.resolve(o.target)) : current.folder;
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch {
    throw new AppError('INVALID_STATE', 'backup.problem.folderUnavailable');
  }
  const staging = path.join(ctx.services.paths.dataDir, '.backup-staging');
  fs.mkdirSync(staging, { recursive: true });
  const snapshot = path.join(staging, `snapshot-${ctx.services.newId()}.sqlite`);
  const target = o.target ? path.resolve(o.target) : freshBackupPath(folder, o.kind, ctx.now);
  try {
    ctx.progress(0, 3, 'snapshot');
    await ctx.services.database.current().raw.backup(snapshot);
    const hashes = await ctx.manager
      .getRepository(AttachmentEntity)
      .createQueryBuilder('a')
      .select('DISTINCT a.sha256', 'sha256')
      .getRawMany<{ sha256: string }>();
    const attachments = hashes.map((h) => ({ sha256: h.sha256, path: blobPath(ctx.services.paths.attachmentsDir, h.sha256) }));
    const header: Omit<BackupHeader, 'encryption'> = {
      app: 'OpsDesk',
      createdAt: ctx.nowIso,
      appVersion: ctx.services.appVersion,
      schemaVersion: SCHEMA_VERSION,
      kind: o.kind,
    };
    ctx.progress(1, 3, 'packing');
    // The key is derived with the same scrypt cost as passwords (N=2^17 in the app; cheaper in tests).
    const packed = await ctx.services.jobs.run('packBackup', { snapshot, attachments, target, password: o.password, header, kdf: ctx.services.passwordCost });
    ctx.progress(2, 3, 'verifying');
    await ctx.services.jobs.run('unpackBackup', { file: target, password: o.password, stagingDir: null });
    const view = await ctx.withTransaction(async (tx) => {
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
      return (await fileViews(tx, folder)).find((f) => f.path === target) ?? fileViewOf(target, { ...header, encryption: null }, o.password !== null);
    });
    if (o.kind === 'auto') await rotate(ctx, folder, settings.backup);
    ctx.progress(3, 3, 'done');
    return view;
  } catch (err) {
    fs.rmSync(target, { force: true });
    if (err instanceof BackupError) throw backupRefusal(err);
    throw err;
  } finally {
    fs.rmSync(snapshot, { force: true });
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
    size: fs.statSync(r.file).size,
    fileSha256: r.fileSha256,
    encrypted: r.encrypted,
    manifestJson: null,
    ...fields,
  });
}

/** The files in the folder with what OpsDesk recorded about them. */
async function fileViews(ctx: Ctx, folder: string): Promise<BackupFileView[]> {
  const records = await ctx.manager.getRepository(BackupRecordEntity).find({ where: { folder }, order: { verifiedAt: 'DESC' } });
  return listBackupFiles(folder).map((f) => {
    const record = records.find((r) => r.fileName === f.fileName);
    let header: BackupHeader | null = null;
    try {
      header = readHeader(f.path).header;
    } catch {
      // a damaged file is still listed; verifying it reports why
    }
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
  const { folder, settings } = await currentBackupFolder(ctx);
  const backups = await fileViews(ctx, folder);
  const lastAuto = backups.find((b) => b.kind === 'auto')?.createdAt ?? null;
  const next = !settings.backup.enabled
    ? null
    : lastAuto
      ? new Date(Math.max(new Date(lastAuto).getTime() + settings.backup.intervalHours * 3_600_000, ctx.now.getTime())).toISOString()
      : ctx.nowIso;
  return { folder, policy: settings.backup, lastAutoBackupAt: lastAuto, nextAutoBackupAt: next, autoProblem, backups };
}

/** A backup named by its file name in the backup folder, or by an absolute path. */
export async function resolveBackupFile(ctx: Ctx, file: string): Promise<string> {
  if (path.isAbsolute(file)) return file;
  if (file.includes('/') || file.includes('\\') || !parseBackupFileName(file)) throw new AppError('VALIDATION', 'error.validation', { file: 'validation.invalidFile' });
  return path.join((await currentBackupFolder(ctx)).folder, file);
}

export function fileViewOf(file: string, header: BackupHeader, encrypted = header.encryption !== null): BackupFileView {
  const parsed = parseBackupFileName(path.basename(file));
  return {
    fileName: path.basename(file),
    path: file,
    kind: (parsed?.kind ?? header.kind) as BackupKind,
    createdAt: header.createdAt,
    size: fs.statSync(file).size,
    encrypted,
    appVersion: header.appVersion,
    schemaVersion: header.schemaVersion,
    verifiedAt: null,
    verifyOk: null,
    verifyProblem: null,
  };
}

export async function inspect(ctx: Ctx, input: ParsedInputOf<'backup.inspect'>) {
  const file = await resolveBackupFile(ctx, input.file);
  try {
    const { header } = readHeader(file);
    const view = fileViewOf(file, header);
    if (header.encryption && !input.password) return { file: view, needsPassword: true, manifest: null };
    const { manifest } = await ctx.services.jobs.run('unpackBackup', { file, password: input.password ?? null, stagingDir: null, manifestOnly: true });
    return { file: view, needsPassword: header.encryption !== null, manifest: manifestView(manifest) };
  } catch (err) {
    if (err instanceof BackupError) throw backupRefusal(err);
    throw err;
  }
}

/** Full check of a backup (as a restore would), remembered for the list. */
export async function verify(ctx: Ctx, input: ParsedInputOf<'backup.verify'>) {
  const file = await resolveBackupFile(ctx, input.file);
  let result: { ok: boolean; problem: string | null; manifest: BackupManifestView | null };
  try {
    const { manifest } = await ctx.services.jobs.run('unpackBackup', { file, password: input.password ?? null, stagingDir: null });
    result = { ok: true, problem: null, manifest: manifestView(manifest) };
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    // A missing or wrong password says nothing about the file, and a file that is not a backup is
    // not one of ours to remember: report these, record nothing.
    const unrecorded: BackupError['problem'][] = ['passwordRequired', 'wrongPassword', 'notFound', 'notABackup', 'unsupportedFormat'];
    if (unrecorded.includes(err.problem)) throw backupRefusal(err);
    result = { ok: false, problem: `backup.problem.${err.problem}`, manifest: null };
  }
  await ctx.withTransaction(async (tx) => {
    const parsed = parseBackupFileName(path.basename(file));
    await recordVerification(tx, {
      file,
      kind: parsed?.kind ?? 'manual',
      createdAt: result.manifest?.createdAt ?? parsed?.createdAt.toISOString() ?? tx.nowIso,
      encrypted: Boolean(input.password),
      fileSha256: null,
      ok: result.ok,
      problem: result.problem,
      manifest: result.manifest,
    });
    await tx.audit({ entity: 'backup', recordId: null, action: 'verify', after: { file, ok: result.ok, problem: result.problem } });
  });
  return result;
}
