import fs from 'node:fs';
import { QueryFailedError, type EntitySchema } from 'typeorm';
import type { BackupFileView, BackupKind } from '../../../../shared/api/backup.js';
import type { Core } from '../../index.js';
import type { Ctx } from '../../kernel/context.js';
import { adoptRestoredAuditLog } from '../../kernel/audit.js';
import { AppError } from '../../kernel/errors.js';
import { DatabaseOpenError } from '../../db/errors.js';
import { DatabaseCheckError, assertSchema } from '../../db/inspect.js';
import { SCHEMA_VERSION } from '../../db/migrations/index.js';
import { expectedSchemas } from '../../db/expected-schema.js';
import { ALL_ENTITIES } from '../../entities.js';
import { dataPaths } from '../../paths.js';
import { effectiveSettings } from '../settings/effective.js';
import { BackupRecordEntity, type BackupRecord } from './entities.js';
import { BackupError } from './errors.js';
import type { BackupOrigin } from './origin.js';
import type { BackupManifest } from './reader.js';
import { manifestView, recordVerification } from './service.js';

/**
 * The restored database, opened through the core before it may replace the live one. It sits in
 * a data folder of its own inside the restore's private work folder; the core that opens it runs
 * its own start-up (migrating an older backup forward), and then:
 * - its schema must be exactly what this build's migrations make (db/schema-shape.ts);
 * - every table the core maps must be readable through the ORM, and the settings must load;
 * - the restore is recorded there (recordRestore) while it is still a copy.
 * Anything that fails is a refusal of the backup; the live data has not been touched.
 *
 * Re-keying its audit chain for this install happens here too (recordRestore), so the swap stays
 * the only step that touches live data.
 */
export async function openRestored(ctx: Ctx, unpackedDb: string, dataDir: string): Promise<Core> {
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.renameSync(unpackedDb, dataPaths(dataDir).dbFile);
  // Imported here, not at the top: the core's module registry imports this module.
  const { createCore } = await import('../../index.js');
  let core: Core;
  try {
    core = await createCore({
      dataDir,
      clock: ctx.services.clock,
      newId: ctx.services.newId,
      passwordCost: ctx.services.passwordCost,
      jobs: 'inline',
      machineSettings: ctx.services.machine,
      // The copy becomes this install's database: its audit log is adopted under this key.
      auditKey: ctx.services.auditChain.installKey,
      startupCleanup: false,
      log: () => {},
    });
  } catch (err) {
    throw openRefusal(err);
  }
  try {
    await checkRestored(core);
    return core;
  } catch (err) {
    await core.close();
    throw err;
  }
}

function openRefusal(err: unknown): BackupError {
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof DatabaseOpenError) {
    if (err.reason === 'newerVersion') return new BackupError('newerSchema', detail);
    if (err.reason === 'notADatabase') return new BackupError('integrity', detail);
  }
  // A history that does not match, or a migration that failed on this database.
  return new BackupError('schemaMismatch', detail);
}

async function checkRestored(core: Core): Promise<void> {
  try {
    assertSchema(core.db.raw, SCHEMA_VERSION, await expectedSchemas());
  } catch (err) {
    if (err instanceof DatabaseCheckError) throw new BackupError('schemaMismatch', err.message);
    throw err;
  }
  try {
    await core.runInternal(
      'backup.restore.check',
      null,
      async (ctx) => {
        // Every column each entity maps, selected through the ORM as the modules will.
        for (const entity of ALL_ENTITIES as EntitySchema[]) await ctx.manager.getRepository(entity).find({ take: 1 });
        await effectiveSettings(ctx.manager, ctx.services.machine);
      },
      { transaction: false },
    );
  } catch (err) {
    if (err instanceof QueryFailedError) throw new BackupError('schemaMismatch', err.message);
    throw err;
  }
}

export interface RestoreRecord {
  file: string;
  kind: BackupKind;
  encrypted: boolean;
  manifest: BackupManifest;
  /** Never 'altered': those are refused before (restore.ts). */
  origin: Exclude<BackupOrigin, 'altered'>;
  preRestore: BackupFileView;
}

/**
 * Writes the restore into the restored database (its own audit log, which never saw it): the
 * acting user as that database knows them (or the system, naming the user, when their account is
 * not in it), the two backups just verified, and what the live database had learnt about the
 * backup files since the backup was made, so a file verified yesterday does not show as
 * unverified after restoring last week's data.
 */
export async function recordRestore(ctx: Ctx, restored: Core, r: RestoreRecord): Promise<void> {
  const known = await ctx.manager.getRepository(BackupRecordEntity).find();
  const username = ctx.actor?.username ?? null;
  const write = (asUser: string | null) =>
    restored.runInternal(ctx.method, asUser, async (tx) => {
      // First: the restored log verified (or re-keyed) under this install's key, before any row
      // of this transaction extends it (kernel/audit.ts adoptRestoredAuditLog).
      await adoptRestoredAuditLog(tx, r.manifest, r.origin);
      await mergeBackupRecords(tx, known);
      await recordVerification(tx, { file: r.file, kind: r.kind, createdAt: r.manifest.createdAt, encrypted: r.encrypted, fileSha256: null, ok: true, problem: null, manifest: manifestView(r.manifest) });
      await recordVerification(tx, { file: r.preRestore.path, kind: 'pre-restore', createdAt: r.preRestore.createdAt, encrypted: false, fileSha256: null, ok: true, problem: null, manifest: null });
      await tx.audit({
        entity: 'backup',
        recordId: null,
        action: 'restore',
        after: { restoredFrom: r.file.split(/[\\/]/).pop(), backupCreatedAt: r.manifest.createdAt, preRestoreBackup: r.preRestore.fileName, ...(asUser === null && username ? { restoredBy: username } : {}) },
      });
    });
  try {
    try {
      await write(username);
    } catch (err) {
      if (!(username && err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      await write(null);
    }
  } catch (err) {
    if (err instanceof QueryFailedError) throw new BackupError('schemaMismatch', err.message);
    throw err;
  }
}

/** Keeps, per backup file, the most recent check either database knows of. */
async function mergeBackupRecords(tx: Ctx, known: BackupRecord[]): Promise<void> {
  const repo = tx.manager.getRepository(BackupRecordEntity);
  for (const record of known) {
    const existing = await repo.findOne({ where: { folder: record.folder, fileName: record.fileName } });
    if (!existing) {
      await repo.insert({ ...record, id: tx.services.newId() });
    } else if ((record.verifiedAt ?? '') > (existing.verifiedAt ?? '')) {
      const { id: _id, ...fields } = record;
      await repo.update({ id: existing.id }, fields);
    }
  }
}
