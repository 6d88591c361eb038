import fs from 'node:fs';
import path from 'node:path';
import type { BackupManifestView } from '../../../shared/api/backup.js';
import type { Core } from '../../core/index.js';
import { AppError } from '../../core/kernel/errors.js';
import type { Ctx } from '../../core/kernel/context.js';
import { createBackup } from '../../core/modules/backup/service.js';
import { verify as verifyBackup } from '../../core/modules/backup/checks.js';
import { restore } from '../../core/modules/backup/restore.js';
import type { BackupProblem } from '../../core/modules/backup/errors.js';
import type { CommandInput, CommandSpec } from '../command.js';
import { CliError, EXIT_FAILED, EXIT_OK, UsageError } from '../errors.js';
import { formatBytes, print, printJson, table } from '../output.js';
import { withCore } from '../session.js';

/** English reasons for a refused backup file (the app shows the same, translated). */
const PROBLEMS: Record<BackupProblem | 'folderUnavailable' | 'folderNotAllowed' | 'targetBusy' | 'onServer', string> = {
  notABackup: 'this is not an OpsDesk backup file',
  unsupportedFormat: 'the backup was written in a format this version does not know (newer OpsDesk?)',
  invalidHeader: 'the backup file is not valid: its header is malformed or uses settings this version never writes',
  truncated: 'the backup file is incomplete (cut short while copying?)',
  corrupt: 'the backup file is damaged: a checksum does not match',
  passwordRequired: 'the backup is encrypted: give its password with --password-env',
  wrongPassword: 'wrong password for this backup',
  newerSchema: 'the backup was made by a newer version of OpsDesk; install that version to restore it',
  integrity: 'the database inside the backup fails its integrity check',
  schemaMismatch: 'the database inside the backup does not have the tables, columns and indexes its version must have (not made by OpsDesk, or altered); nothing was changed',
  notFound: 'the backup file does not exist',
  notAFile: 'this is a folder or a special file (pipe, device), not a backup file',
  unreadable: 'the backup file cannot be read (permissions?)',
  unavailable: 'the file does not exist, cannot be read, or is not an OpsDesk backup',
  noFileDialog: 'no file dialog here: name the file',
  targetIsFolder: '--out names a folder: give the backup file\'s name (e.g. FOLDER/OpsDesk.opsdesk-backup)',
  targetInDataFolder: "--out must not be inside the data folder (its database, attachments or work files); use its backups/ folder or another disk",
  targetInSystemFolder: '--out must not be in a system folder',
  rolledBack: 'the restore could not finish and was undone: the data is as it was before',
  targetUnsafe: 'the target (or its temporary .partial file) exists and is not a regular file; it was left alone',
  folderUnavailable: 'the backup folder cannot be created or written',
  folderNotAllowed: 'the backup folder set is a system folder or inside the data folder; choose another on the Data page',
  targetBusy: 'another backup is being written to this file right now',
  onServer: 'the data is on a PostgreSQL server: back it up and restore it on the server (pg_dump and pg_restore); OpsDesk backups are for the desktop data file',
  altered: 'the backup names this installation as its maker, but its content was changed after it was made; it is not restored',
  unverifiedAuditLog:
    "the backup was not made by this installation (another PC, an older version, or altered) and its audit log and accounts cannot be verified with this installation's key. Check who will be an administrator after restoring; to restore it anyway, add --accept-unverified-audit-log",
};

function problemOf(err: unknown): { problem: string; message: string; params?: Record<string, string | number> } | null {
  if (!(err instanceof AppError) || !err.messageKey.startsWith('backup.problem.')) return null;
  const problem = err.messageKey.slice('backup.problem.'.length);
  let message = PROBLEMS[problem as BackupProblem] ?? problem;
  if (problem === 'unverifiedAuditLog' && err.params) message += `. Administrators in the backup: ${String(err.params.admins) || '(none)'}`;
  return { problem, message, ...(err.params ? { params: err.params } : {}) };
}

/** --password-env VAR: the password is read from the named variable, never from the command line. */
function passwordOf(input: CommandInput, command: string): string | null {
  const name = input.string('password-env');
  if (name === undefined) return null;
  const value = process.env[name];
  if (!value) throw new UsageError(`the environment variable ${name} (named by --password-env) is empty or not set`, command);
  return value;
}

function printManifest(m: BackupManifestView): void {
  print(`Backup made ${m.createdAt} by OpsDesk ${m.appVersion} (schema ${m.schemaVersion}), ${m.parts} parts, ${formatBytes(m.totalBytes)}`);
  const interesting = Object.entries(m.counts).filter(([, n]) => n > 0);
  print(table(interesting.map(([t, n]) => [`  ${t}`, String(n)])));
}

/** Runs maintenance in the core's queue as the system (IT at the machine), without a wrapping transaction. */
function runAsSystem<T>(core: Core, label: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return core.runInternal(label, null, fn, { transaction: false });
}

async function refusalOr<T>(json: boolean, work: () => Promise<T>): Promise<T | number> {
  try {
    return await work();
  } catch (err) {
    const p = problemOf(err);
    if (!p) throw err;
    if (json) {
      printJson({ ok: false, problem: p.problem, message: p.message, ...(p.params ? { params: p.params } : {}) });
      return EXIT_FAILED;
    }
    throw new CliError(p.message);
  }
}

export const backupCommand: CommandSpec = {
  name: 'backup',
  summary:
    'Writes a backup file: a consistent snapshot of the database (SQLite online backup) and every attachment, with a manifest of checksums, read back and verified before the command ends.',
  options: {
    out: { type: 'string', value: 'FILE', description: 'the backup file to write (e.g. E:\\OpsDesk-2026-11-25.opsdesk-backup)', required: true },
    'password-env': { type: 'string', value: 'VAR', description: 'encrypt with the password held in this environment variable (AES-256-GCM)' },
    force: { type: 'boolean', description: 'replace FILE if it exists' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  notes: ['Exit codes: 0 written and verified, 1 failed, 2 bad arguments.'],
  async run(input) {
    const out = path.resolve(input.string('out')!);
    const password = passwordOf(input, 'backup');
    // A folder is refused by the core whatever --force says; only a file may be replaced.
    if (fs.existsSync(out) && !fs.statSync(out).isDirectory() && !input.flag('force')) throw new CliError(`${out} exists; use --force to replace it`);
    const json = input.flag('json');
    return withCore(input.dataDir, { mustExist: true }, async (core) => {
      const result = await refusalOr(json, () => runAsSystem(core, 'cli.backup', (ctx) => createBackup(ctx, { kind: 'manual', password, target: out })));
      if (typeof result === 'number') return result;
      if (json) printJson({ ok: true, file: result.path, size: result.size, encrypted: result.encrypted, createdAt: result.createdAt });
      else print(`Wrote and verified ${result.path} (${formatBytes(result.size)}${result.encrypted ? ', encrypted' : ''}).`);
      return EXIT_OK;
    });
  },
};

export const backupVerifyCommand: CommandSpec = {
  name: 'backup verify',
  summary: 'Checks a backup file completely (every checksum, the encryption tag, the database integrity and schema) without restoring it.',
  positionals: [{ name: 'FILE', description: 'the backup file' }],
  options: {
    'password-env': { type: 'string', value: 'VAR', description: 'the environment variable holding the backup password' },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  notes: ['Exit codes: 0 the backup is good, 1 it is not (or cannot be read), 2 bad arguments.'],
  async run(input) {
    const file = path.resolve(input.positionals[0]!);
    const password = passwordOf(input, 'backup verify');
    const json = input.flag('json');
    return withCore(input.dataDir, { mustExist: true }, async (core) => {
      const result = await refusalOr(json, () =>
        runAsSystem(core, 'cli.backupVerify', (ctx) => verifyBackup(ctx, { file, ...(password ? { password } : {}) }, 'machine')),
      );
      if (typeof result === 'number') return result;
      const problem = result.problem ? result.problem.slice('backup.problem.'.length) : null;
      if (json) printJson({ ok: result.ok, problem, message: problem ? PROBLEMS[problem as BackupProblem] : null, manifest: result.manifest });
      else if (result.ok) {
        print(`OK: ${file} is a complete, intact backup.`);
        printManifest(result.manifest!);
      } else print(`NOT OK: ${PROBLEMS[problem as BackupProblem] ?? problem}`);
      return result.ok ? EXIT_OK : EXIT_FAILED;
    });
  },
};

export const restoreCommand: CommandSpec = {
  name: 'restore',
  summary:
    "Replaces the data folder's data with a backup's: verifies the backup completely, migrates an older one forward, saves the current data as a backup first, then swaps the database in one atomic step.",
  positionals: [{ name: 'FILE', description: 'the backup file' }],
  options: {
    'password-env': { type: 'string', value: 'VAR', description: 'the environment variable holding the backup password' },
    json: { type: 'boolean', description: 'print the result as JSON' },
    'accept-unverified-audit-log': {
      type: 'boolean',
      description: "restore a backup made elsewhere whose audit log and accounts this installation cannot verify (check the administrators it names first)",
    },
  },
  notes: [
    "A backup made on another PC (or a data folder without that PC's opsdesk.key) cannot be verified here: restoring it needs --accept-unverified-audit-log.",
    'Close OpsDesk on this desktop first: the app must not have the data folder open during a restore.',
    'Exit codes: 0 restored, 1 refused (nothing changed), 2 bad arguments.',
  ],
  async run(input) {
    const file = path.resolve(input.positionals[0]!);
    const password = passwordOf(input, 'restore');
    const json = input.flag('json');
    const accept = input.flag('accept-unverified-audit-log');
    // A new data folder is fine: restoring there is how a department moves to a new PC.
    return withCore(input.dataDir, { mustExist: false }, async (core) => {
      const result = await refusalOr(json, () =>
        runAsSystem(core, 'cli.restore', (ctx) => restore(ctx, { file, confirm: true, ...(password ? { password } : {}), ...(accept ? { acceptUnverifiedAuditLog: true as const } : {}) }, 'machine')),
      );
      if (typeof result === 'number') return result;
      if (json) printJson({ ok: true, ...result });
      else {
        print(`Restored ${file}. The data before the restore was saved as ${result.preRestoreBackup}.`);
        printManifest(result.manifest);
      }
      return EXIT_OK;
    });
  },
};
