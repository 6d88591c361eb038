import crypto from 'node:crypto';
import type { ChainKeys } from '../../kernel/audit-chain.js';
import type { BackupHeader } from './container.js';

/**
 * Where a backup comes from, as far as this install can tell. Each backup names the install that
 * wrote it (`installId`, the key's public fingerprint) and carries that install's keyed tag of
 * its manifest (`origin`); the manifest lists every part's SHA-256, so the tag covers the whole
 * content. The checksums alone are plain SHA-256 and can be recomputed by anyone who edits a file.
 *
 * - 'here': written by this install and unchanged since;
 * - 'altered': claims to be this install's but the tag does not match - edited after it was
 *   written; restore refuses it outright;
 * - 'elsewhere': another install's, or from a version before backups were tagged (or with the
 *   name removed: that cannot be told apart). Its audit log and accounts are then checked with
 *   this install's key; when they do not verify, the restore needs the user's explicit consent.
 */
export type BackupOrigin = 'here' | 'altered' | 'elsewhere';

export function originTag(originKey: Buffer, manifestSha256: string): string {
  return crypto.createHmac('sha256', originKey).update(`opsdesk/backup-manifest/${manifestSha256}`).digest('hex');
}

export function originOf(keys: ChainKeys, header: Pick<BackupHeader, 'installId' | 'origin'>, manifestSha256: string): BackupOrigin {
  if (header.installId !== keys.keyId) return 'elsewhere';
  const expected = Buffer.from(originTag(keys.backupOrigin, manifestSha256), 'hex');
  const found = Buffer.from(header.origin ?? '', 'hex');
  return found.length === expected.length && crypto.timingSafeEqual(found, expected) ? 'here' : 'altered';
}
