import fs from 'node:fs';
import path from 'node:path';
import { migrateData, MigrateDataError, type MigrateDataReport } from '../../core/maintenance/migrate-data.js';
import os from 'node:os';
import { dataPaths, DB_FILE_NAME } from '../../core/paths.js';
import { INSTALL_KEY_FILE } from '../../core/kernel/secrets.js';
import { redactUrl } from '../../core/db/postgres.js';
import type { Core } from '../../core/index.js';
import type { CommandInput, CommandSpec } from '../command.js';
import { CliError, EXIT_OK, UsageError } from '../errors.js';
import { print, printJson, table, warn } from '../output.js';
import { openCore } from '../session.js';

const isUrl = (value: string) => /^postgres(ql)?:\/\//i.test(value);

/** A data folder, or the opsdesk.sqlite file in one: the folder. */
function sqliteFolder(value: string, command: string): string {
  const resolved = path.resolve(value);
  if (path.basename(resolved) === DB_FILE_NAME) return path.dirname(resolved);
  if (fs.existsSync(resolved) && !fs.statSync(resolved).isDirectory()) {
    throw new UsageError(`${value} is neither an OpsDesk data folder nor its ${DB_FILE_NAME}`, command);
  }
  return resolved;
}

function printSummary(report: MigrateDataReport, from: string, to: string): void {
  print(table(report.tables.map((t) => [`  ${t.name}`, String(t.rows)])));
  print();
  print(`Copied ${report.totalRows} rows in ${report.tables.length} tables from ${from} to ${to}; row counts match, the audit log (${report.auditRows} rows) and the account seals verify.`);
  if (report.files.copied) print(`Copied ${report.files.copied} attachment file(s).`);
}

/**
 * The SQLite side's folder gets --data-dir's install key when it has none (a new desktop folder);
 * a folder with a key of its own is refused: its files and checkpoint belong to that key.
 */
function shareInstallKey(keyFolder: string, folder: string): void {
  const key = path.join(keyFolder, INSTALL_KEY_FILE);
  if (!fs.existsSync(key)) throw new CliError(`${keyFolder} holds no install key (${INSTALL_KEY_FILE}): name with --data-dir the data folder used with the server`);
  if (path.resolve(keyFolder) === path.resolve(folder)) return;
  const own = path.join(folder, INSTALL_KEY_FILE);
  if (!fs.existsSync(own)) {
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(key, own, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(own, 0o600);
  } else if (!fs.readFileSync(own).equals(fs.readFileSync(key))) {
    throw new CliError(`${folder} has an install key of its own, not the one of ${keyFolder}: move the department into a new, empty folder`);
  }
}

async function run(input: CommandInput): Promise<number> {
  const command = 'migrate-data';
  const from = input.string('from')!;
  const to = input.string('to')!;
  if (isUrl(from) === isUrl(to)) throw new UsageError('one side must be a postgres:// URL and the other an OpsDesk data folder (or its opsdesk.sqlite)', command);
  const toServer = isUrl(to);
  const folder = sqliteFolder(toServer ? from : to, command);
  const file = path.join(folder, DB_FILE_NAME);
  if (toServer && !fs.existsSync(file)) throw new CliError(`No OpsDesk database in ${folder} (expected ${file})`);
  if (!toServer) shareInstallKey(input.dataDir, folder);
  const newTargetFile = !toServer && !fs.existsSync(file);
  // The server's core runs on a scratch folder: opening a new database writes its (empty) audit
  // checkpoint, which must not replace the real folder's. Keys come from --data-dir throughout.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-migrate-'));
  const open = (side: string) =>
    isUrl(side) ? openCore(scratch, { mustExist: false, databaseUrl: side, keyFrom: input.dataDir }) : openCore(folder, { mustExist: false, databaseUrl: null, keyFrom: input.dataDir });
  const attachments = toServer
    ? { from: dataPaths(folder).attachmentsDir, to: dataPaths(input.dataDir).attachmentsDir }
    : { from: dataPaths(input.dataDir).attachmentsDir, to: dataPaths(folder).attachmentsDir };
  const opened: Core[] = [];
  let copied = false;
  try {
    opened.push(await open(from));
    opened.push(await open(to));
    const report = await migrateData(opened[0]!, opened[1]!, { attachments });
    copied = true;
    const name = (side: string) => (isUrl(side) ? redactUrl(side) : file);
    if (input.flag('json')) printJson(report);
    else printSummary(report, name(from), name(to));
    if (report.files.missing.length) warn(`opsdesk: ${report.files.missing.length} attachment file(s) were not in ${attachments.from}; those attachments cannot be opened on the target`);
    return EXIT_OK;
  } catch (err) {
    if (err instanceof MigrateDataError) throw new CliError(`${err.message}; nothing was copied`);
    if (err instanceof CliError || err instanceof UsageError) throw err;
    // A statement the target refused, a dropped connection: the transaction is undone.
    const message = err instanceof Error ? err.message : String(err);
    throw new CliError(`the copy failed and was undone, nothing was copied: ${[from, to].filter(isUrl).reduce((m, url) => m.split(url).join(redactUrl(url)), message)}`);
  } finally {
    for (const core of opened.reverse()) await core.close().catch(() => {});
    fs.rmSync(scratch, { recursive: true, force: true });
    // A refused copy into a new data file leaves no empty database behind.
    if (newTargetFile && !copied) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
}

export const migrateDataCommand: CommandSpec = {
  name: 'migrate-data',
  summary:
    'Moves a department between a desktop data file and a PostgreSQL server, either way: every row of every table in one transaction, then row counts compared and the audit log and account seals verified on the target. The target must be empty.',
  options: {
    from: { type: 'string', required: true, value: 'SOURCE', description: 'a postgres:// URL, or an OpsDesk data folder (or its opsdesk.sqlite)' },
    to: { type: 'string', required: true, value: 'TARGET', description: 'the other kind: an empty PostgreSQL database, or a data folder without data' },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  notes: [
    "The audit log is keyed with --data-dir's install key (opsdesk.key): name the data folder the department uses (or will use) with the server. A new desktop folder gets a copy of that key; attachment files are copied between the folders.",
    'Close OpsDesk on the source while copying. Put a server password in PGPASSWORD or ~/.pgpass rather than in the URL.',
    'Exit codes: 0 copied and verified, 1 refused or failed (the target is left as it was), 2 bad arguments.',
  ],
  run,
};
