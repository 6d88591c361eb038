import fs from 'node:fs';
import path from 'node:path';
import { migrateData, MigrateDataError, type MigrateDataReport } from '../../core/maintenance/migrate-data.js';
import { DB_FILE_NAME } from '../../core/paths.js';
import { redactUrl } from '../../core/db/postgres.js';
import type { Core } from '../../core/index.js';
import type { CommandInput, CommandSpec } from '../command.js';
import { CliError, EXIT_OK, UsageError } from '../errors.js';
import { print, printJson, table } from '../output.js';
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
}

async function run(input: CommandInput): Promise<number> {
  const command = 'migrate-data';
  const from = input.string('from')!;
  const to = input.string('to')!;
  if (isUrl(from) === isUrl(to)) throw new UsageError('one side must be a postgres:// URL and the other an OpsDesk data folder (or its opsdesk.sqlite)', command);
  const fileSide = isUrl(from) ? to : from;
  const folder = sqliteFolder(fileSide, command);
  if (!isUrl(from) && !fs.existsSync(path.join(folder, DB_FILE_NAME))) throw new CliError(`No OpsDesk database in ${folder} (expected ${path.join(folder, DB_FILE_NAME)})`);
  // Both sides under --data-dir's install key: the one the audit log was (or will be) written with.
  const open = (side: string) =>
    isUrl(side) ? openCore(input.dataDir, { mustExist: false, databaseUrl: side }) : openCore(folder, { mustExist: false, databaseUrl: null, keyFrom: input.dataDir });
  const targetFile = path.join(folder, DB_FILE_NAME);
  const newTargetFile = !isUrl(to) && !fs.existsSync(targetFile);
  const opened: Core[] = [];
  let copied = false;
  try {
    const source = await open(from);
    opened.push(source);
    const target = await open(to);
    opened.push(target);
    const report = await migrateData(source, target);
    copied = true;
    const name = (side: string) => (isUrl(side) ? redactUrl(side) : path.join(folder, DB_FILE_NAME));
    if (input.flag('json')) printJson(report);
    else printSummary(report, name(from), name(to));
    return EXIT_OK;
  } catch (err) {
    if (err instanceof MigrateDataError) throw new CliError(`${err.message}; nothing was copied`);
    throw err;
  } finally {
    for (const core of opened.reverse()) await core.close();
    // A refused copy into a new data file leaves no empty database behind.
    if (newTargetFile && !copied) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(targetFile + suffix, { force: true });
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
    "The audit log is keyed with --data-dir's install key (opsdesk.key): use the data folder the department uses (or will use) with the server, or copy its opsdesk.key into the new folder first.",
    'Close OpsDesk on the source while copying. Put a server password in PGPASSWORD or ~/.pgpass rather than in the URL.',
    'Exit codes: 0 copied and verified, 1 refused or failed (the target is left as it was), 2 bad arguments.',
  ],
  run,
};
