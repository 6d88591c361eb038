import fs from 'node:fs';
import path from 'node:path';
import type { DataPaths } from '../../paths.js';
import { fsyncFolder } from './pack.js';
import { removeStaleWorkFolders } from './work.js';

/**
 * Swapping the restored database in, so that a crash at any moment leaves either the whole old or
 * the whole new database. A journal file names the two files before anything moves; at start-up
 * an interrupted swap is rolled back (recoverInterruptedRestore), unless it had already finished.
 */
interface Journal {
  /** Where the current database is moved aside to. */
  aside: string;
  /** The verified, migrated database that replaces it. */
  staged: string;
}

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

/** Runs with the database closed: old aside, staged in, journal removed. */
export function swapIn(paths: DataPaths, staged: string, aside: string): void {
  writeJournal(paths, { aside, staged });
  moveWithSideFiles(paths.dbFile, aside);
  fs.renameSync(staged, paths.dbFile);
  fsyncFolder(paths.dataDir);
  fs.rmSync(journalPath(paths), { force: true });
  fsyncFolder(paths.dataDir);
}

/** Puts the old database back after a failed swap (the staged file is discarded). */
export function swapBack(paths: DataPaths, aside: string): void {
  if (fs.existsSync(aside)) {
    for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(paths.dbFile + suffix, { force: true });
    moveWithSideFiles(aside, paths.dbFile);
  }
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
  if (journal && typeof journal.aside === 'string' && fs.existsSync(journal.aside)) swapBack(paths, journal.aside);
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
