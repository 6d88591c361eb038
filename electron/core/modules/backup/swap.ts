import fs from 'node:fs';
import path from 'node:path';
import { checkpointPath } from '../../kernel/audit-checkpoint.js';
import type { DataPaths } from '../../paths.js';
import { fsyncFolder } from './pack.js';
import { removeStaleWorkFolders } from './work.js';

/**
 * Swapping the restored database in, so that a crash at any moment leaves either the whole old or
 * the whole new database. A journal file names the two files before anything moves; at start-up
 * an interrupted swap is rolled back (recoverInterruptedRestore), unless it had already finished.
 *
 * The audit checkpoint (kernel/audit-checkpoint.ts) moves with the database: the restored one's,
 * written by the scratch core that recorded the restore, replaces the live one in the same swap.
 * Otherwise a crash after the swap and before the live core rewrote it would leave the old head
 * beside the new log, and the next start would report the log as cut or altered.
 */
interface Journal {
  /** Where the current database is moved aside to. */
  aside: string;
  /** The verified, migrated database that replaces it. */
  staged: string;
  /** Whether a live checkpoint existed (it is moved to `checkpointAside(aside)`). */
  hadCheckpoint?: boolean;
}

const checkpointAside = (aside: string) => `${aside}.checkpoint`;

const journalPath = (paths: DataPaths) => path.join(paths.dataDir, 'restore-journal.json');
const SIDE_FILES = ['-wal', '-shm', '-journal'];

function writeJournal(paths: DataPaths, journal: Journal): void {
  const file = journalPath(paths);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(journal));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncFolder(paths.dataDir);
}

function moveWithSideFiles(from: string, to: string): void {
  if (fs.existsSync(from)) fs.renameSync(from, to);
  // A WAL left beside a database belongs to it: never let the old one meet the new database.
  for (const suffix of SIDE_FILES) if (fs.existsSync(from + suffix)) fs.renameSync(from + suffix, to + suffix);
}

/**
 * Runs with the database closed: old database and checkpoint aside, staged ones in, journal
 * removed. `stagedCheckpoint` is the restored database's checkpoint (null: none was written).
 */
export function swapIn(paths: DataPaths, staged: string, aside: string, stagedCheckpoint: string | null = null): void {
  const live = checkpointPath(paths.dataDir);
  const hadCheckpoint = fs.existsSync(live);
  writeJournal(paths, { aside, staged, hadCheckpoint });
  if (hadCheckpoint) fs.renameSync(live, checkpointAside(aside));
  moveWithSideFiles(paths.dbFile, aside);
  fs.renameSync(staged, paths.dbFile);
  if (stagedCheckpoint && fs.existsSync(stagedCheckpoint)) fs.renameSync(stagedCheckpoint, live);
  fsyncFolder(paths.dataDir);
  fs.rmSync(journalPath(paths), { force: true });
  fsyncFolder(paths.dataDir);
}

/**
 * Puts the old database and checkpoint back after a failed swap (the staged ones are discarded).
 * `hadCheckpoint` false: there was no checkpoint before, so one found now came with the restore.
 */
export function swapBack(paths: DataPaths, aside: string, hadCheckpoint = true): void {
  if (fs.existsSync(aside)) {
    for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(paths.dbFile + suffix, { force: true });
    moveWithSideFiles(aside, paths.dbFile);
  }
  const live = checkpointPath(paths.dataDir);
  // Moved aside first and in last: while the old one is aside, any live file is the restore's.
  if (fs.existsSync(checkpointAside(aside))) fs.renameSync(checkpointAside(aside), live);
  else if (!hadCheckpoint) fs.rmSync(live, { force: true });
  fs.rmSync(journalPath(paths), { force: true });
  fsyncFolder(paths.dataDir);
}

/**
 * At start-up, before the database opens: finishes the picture an interrupted restore left.
 * With the journal present the swap did not complete, so the old database is put back
 * (the staged copy is verified but the user never saw the restore succeed). Then the work
 * folders of killed backups and restores, which hold only copies, are removed (work.ts), and so
 * is a copy of an old database a finished restore could not delete.
 */
export function recoverInterruptedRestore(paths: DataPaths): 'none' | 'rolledBack' {
  const outcome = rollBackInterruptedSwap(paths);
  removeStaleWorkFolders(paths, [paths.backupsDir]);
  for (const name of listNames(paths.dataDir)) {
    if (name.startsWith(`${path.basename(paths.dbFile)}.before-restore-`)) fs.rmSync(path.join(paths.dataDir, name), { force: true });
  }
  return outcome;
}

function rollBackInterruptedSwap(paths: DataPaths): 'none' | 'rolledBack' {
  const file = journalPath(paths);
  if (!fs.existsSync(file)) return 'none';
  let journal: Journal | null = null;
  try {
    journal = JSON.parse(fs.readFileSync(file, 'utf8')) as Journal;
  } catch {
    // A journal cut short by the crash: nothing had moved yet (it is written before any rename).
  }
  if (journal && typeof journal.aside === 'string' && fs.existsSync(journal.aside)) swapBack(paths, journal.aside, journal.hadCheckpoint !== false);
  else fs.rmSync(file, { force: true });
  return 'rolledBack';
}

function listNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
