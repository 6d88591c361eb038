import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditHead, ChainKeys } from './audit-chain.js';

/**
 * The audit log's head (row count and newest hash) kept outside the database, so that deleting the
 * newest rows - which leaves a shorter chain that still verifies - is detected. Written after every
 * committed mutation, tagged with the install key so it cannot be rewritten to match a cut log.
 *
 * The database may be ahead of the checkpoint (a crash between the commit and the write, or
 * another OpsDesk process on the same folder): the checkpoint then names an older row, which must
 * still be there with the same hash. Fewer rows than the checkpoint counted means truncation.
 */
export const CHECKPOINT_FILE = 'audit-checkpoint.json';

export function checkpointPath(dataDir: string): string {
  return path.join(dataDir, CHECKPOINT_FILE);
}

interface CheckpointFile {
  opsdeskAuditHead: 1;
  count: number;
  hash: string;
  keyId: string;
  tag: string;
}

export type CheckpointRead =
  | { status: 'present'; head: AuditHead }
  | { status: 'missing' }
  /** Damaged, edited, or tagged with another install key (`otherKey`). */
  | { status: 'invalid'; otherKey: boolean };

const tagOf = (keys: ChainKeys, head: AuditHead) =>
  crypto.createHmac('sha256', keys.checkpoint).update(`${head.count}\n${head.hash}`).digest('hex');

const sameHex = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function readCheckpoint(file: string, keys: ChainKeys): CheckpointRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'invalid', otherKey: false };
  }
  try {
    const v = JSON.parse(text.trim()) as Partial<CheckpointFile>;
    if (v.opsdeskAuditHead !== 1 || !Number.isSafeInteger(v.count) || v.count! < 0 || typeof v.hash !== 'string' || typeof v.tag !== 'string') {
      return { status: 'invalid', otherKey: false };
    }
    const head = { count: v.count!, hash: v.hash };
    if (!sameHex(tagOf(keys, head), v.tag)) return { status: 'invalid', otherKey: v.keyId !== keys.keyId };
    return { status: 'present', head };
  } catch {
    return { status: 'invalid', otherKey: false };
  }
}

/** The file's fixed size: one write of one disk sector replaces it whole (no rename, no truncation). */
const RECORD_BYTES = 512;

/**
 * Overwrites the checkpoint in place with a record of fixed size, so the write is a single
 * sector-sized write into blocks the file already has: no rename and no truncation, which on
 * ext4 and NTFS would add journal work to the database's next fsync (a temporary file renamed
 * over it made each call about 1-3 ms slower under load; this is about 5 µs). Not fsynced: a
 * checkpoint lost to a power cut is an older one, which the lag rule above accepts; the
 * database commit is what must be durable. A torn write reads as invalid and is recorded as an
 * incident, never as tampering with the log.
 */
export function writeCheckpoint(file: string, keys: ChainKeys, head: AuditHead): void {
  const content: CheckpointFile = { opsdeskAuditHead: 1, count: head.count, hash: head.hash, keyId: keys.keyId, tag: tagOf(keys, head) };
  const record = `${JSON.stringify(content)}\n`.padEnd(RECORD_BYTES, ' ');
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    fd = fs.openSync(file, 'wx', 0o600);
  }
  try {
    fs.writeSync(fd, record, 0, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

export type HeadComparison = 'matches' | 'truncated' | 'differs';

/**
 * How the database stands against a checkpointed head: `rows` in the log and the hash its row
 * `head.count` has (null when there is no such row).
 */
export function compareWithCheckpoint(head: AuditHead, rows: number, hashAtCount: string | null): HeadComparison {
  if (rows < head.count) return 'truncated';
  return hashAtCount === head.hash ? 'matches' : 'differs';
}
