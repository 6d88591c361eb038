import { IsNull } from 'typeorm';
import type { AttachmentRow } from '../../../shared/api/kernel.js';
import type { FileDownload } from '../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../shared/api/index.js';
import type { RecordType } from '../../../shared/domain/records.js';
import { AppError, forbidden, notFound } from './errors.js';
import { requireActor, type Ctx } from './context.js';
import { AttachmentEntity, type AttachmentRecord } from './entities.js';
import { getBlob, mimeTypeOf, putBlob } from './file-store.js';
import { recordAccessFor } from './module.js';
import { userNames } from './names.js';
import { addTimeline } from './timeline.js';

export const MAX_ATTACHMENT_BYTES = 40 * 1024 * 1024;

function view(r: AttachmentRecord, names: Map<string, string>): AttachmentRow {
  return {
    id: r.id,
    fileName: r.fileName,
    mimeType: r.mimeType,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.createdAt,
    createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
  };
}

export async function listAttachments(ctx: Ctx, input: ParsedInputOf<'attachments.list'>): Promise<AttachmentRow[]> {
  await recordAccessFor(ctx, input.entity).assertRead(ctx, input.recordId);
  const rows = await ctx.manager.getRepository(AttachmentEntity).find({
    where: { entity: input.entity, recordId: input.recordId, archivedAt: IsNull() },
    order: { createdAt: 'DESC' },
  });
  const names = await userNames(ctx.manager, rows.map((r) => r.createdBy));
  return rows.map((r) => view(r, names));
}

/**
 * Stores the bytes by content hash, then the metadata row. If the transaction fails after the
 * file was written, the file stays as an unreferenced blob: harmless, and never a dangling row.
 */
export async function uploadAttachment(ctx: Ctx, input: ParsedInputOf<'attachments.upload'>): Promise<AttachmentRow> {
  const actor = requireActor(ctx);
  await recordAccessFor(ctx, input.entity).assertWrite(ctx, input.recordId);
  const bytes = Buffer.from(input.file.contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', 'error.validation', { file: 'validation.emptyFile' });
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('VALIDATION', 'error.validation', { file: 'validation.fileTooLarge' });
  const hash = putBlob(ctx.services.paths.attachmentsDir, bytes);
  const record: AttachmentRecord = {
    id: ctx.services.newId(),
    entity: input.entity,
    recordId: input.recordId,
    fileName: input.file.fileName,
    mimeType: mimeTypeOf(input.file.fileName),
    size: bytes.length,
    sha256: hash,
    createdBy: actor.userId,
    createdAt: ctx.nowIso,
    archivedAt: null,
  };
  await ctx.manager.getRepository(AttachmentEntity).insert(record);
  await addTimeline(ctx, { entity: input.entity, recordId: input.recordId, kind: 'attachment', body: record.fileName });
  await ctx.audit({ entity: 'attachment', recordId: record.id, action: 'upload', after: { ...record } });
  return view(record, new Map([[actor.userId, actor.displayName]]));
}

async function findAttachment(ctx: Ctx, id: string): Promise<AttachmentRecord> {
  const record = await ctx.manager.getRepository(AttachmentEntity).findOne({ where: { id } });
  if (!record || record.archivedAt) throw notFound();
  return record;
}

export async function downloadAttachment(ctx: Ctx, input: ParsedInputOf<'attachments.download'>): Promise<FileDownload> {
  const record = await findAttachment(ctx, input.id);
  await recordAccessFor(ctx, record.entity as RecordType).assertRead(ctx, record.recordId);
  const bytes = getBlob(ctx.services.paths.attachmentsDir, record.sha256);
  if (!bytes) throw new AppError('INTERNAL', 'error.attachmentMissing');
  return { fileName: record.fileName, mimeType: record.mimeType, contentBase64: bytes.toString('base64') };
}

/** Attachments are archived, never deleted: the file stays for the audit trail and backups. */
export async function archiveAttachment(ctx: Ctx, input: ParsedInputOf<'attachments.archive'>): Promise<null> {
  const actor = requireActor(ctx);
  const record = await findAttachment(ctx, input.id);
  await recordAccessFor(ctx, record.entity as RecordType).assertWrite(ctx, record.recordId);
  if (record.createdBy !== actor.userId && !actor.roles.some((r) => r === 'admin' || r === 'manager')) throw forbidden();
  await ctx.manager.getRepository(AttachmentEntity).update({ id: record.id }, { archivedAt: ctx.nowIso });
  await ctx.audit({ entity: 'attachment', recordId: record.id, action: 'archive', before: { archivedAt: null }, after: { archivedAt: ctx.nowIso } });
  return null;
}
