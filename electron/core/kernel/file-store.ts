import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Attachment bytes, stored once per content in the data folder under their SHA-256
 * (attachments/ab/abcdef...). Writes go to a temporary file, are fsynced and renamed into place,
 * so a crash never leaves a half-written file under a valid name.
 */
export function sha256(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export function blobPath(attachmentsDir: string, hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('invalid content hash');
  return path.join(attachmentsDir, hash.slice(0, 2), hash);
}

export function putBlob(attachmentsDir: string, bytes: Uint8Array): string {
  const hash = sha256(bytes);
  const target = blobPath(attachmentsDir, hash);
  if (fs.existsSync(target)) return hash;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = createExclusive(tmp);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, target);
  return hash;
}

/** A temporary file name is taken by a link or something else that is not a plain file of ours. */
export class UnsafeTempFileError extends Error {
  constructor(file: string) {
    super(`${file} exists and is not a regular file`);
    this.name = 'UnsafeTempFileError';
  }
}

/**
 * Creates a temporary file exclusively (O_CREAT|O_EXCL, 0600) before it is written and renamed
 * into place: it never follows a link planted at that name, nor writes into a file another
 * process holds. A plain file left by a crash is replaced (unlinking a name never touches
 * another name of the same file); anything else is refused.
 */
export function createExclusive(file: string): number {
  try {
    return fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (!fs.lstatSync(file).isFile()) throw new UnsafeTempFileError(file);
  fs.rmSync(file);
  try {
    return fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UnsafeTempFileError(file);
    throw err;
  }
}

/** The stored bytes, or null when missing or no longer matching their hash. */
export function getBlob(attachmentsDir: string, hash: string): Buffer | null {
  const file = blobPath(attachmentsDir, hash);
  if (!fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  return sha256(bytes) === hash ? bytes : null;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.zip': 'application/zip',
};

export function mimeTypeOf(fileName: string): string {
  return MIME_BY_EXTENSION[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}
