import { runDoctor, type DoctorReport, type DoctorWarning } from '../../core/maintenance/doctor.js';
import type { CommandSpec } from '../command.js';
import { EXIT_FAILED, EXIT_OK } from '../errors.js';
import { formatBytes, print, printJson, table } from '../output.js';
import { withCore } from '../session.js';

const CHECK_TITLES: Record<DoctorReport['checks'][number]['name'], string> = {
  integrity: 'Integrity (PRAGMA integrity_check)',
  foreignKeys: 'References (PRAGMA foreign_key_check)',
  schema: 'Schema version',
  pragmas: 'Durability settings (WAL, synchronous=FULL, foreign keys)',
  auditChain: 'Audit log (keyed hash chain, head against the checkpoint)',
  auditBackupHead: "Audit log against the newest backup's recorded head",
  accounts: 'Accounts (security fields changed outside OpsDesk)',
};

/** What each integrity finding the audit log recorded about itself means. */
const INCIDENT_TEXT: Record<DoctorReport['audit']['incidents'][number]['kind'], string> = {
  checkpointMissing: 'the audit checkpoint file was found missing; the log went on from the rows it had',
  checkpointInvalid: 'the audit checkpoint file was found damaged, edited or written with another key; the log went on from the rows it had',
  headMismatch: "the audit log's newest rows were found different from the checkpoint (deleted or rewritten while OpsDesk was closed)",
  accountTampered: "an account's roles, password or status were found changed outside OpsDesk (recorded before it was next changed or signed in)",
  resealed: 'a restored backup whose audit log could not be verified with this install key (made elsewhere, or altered) was re-keyed',
};

function auditLine(report: DoctorReport): string {
  const a = report.audit;
  const plain = a.keyedFromSeq === null ? a.rows : a.keyedFromSeq - 1;
  const keyed = plain > 0 ? `; rows 1-${plain} from an older version carry its plain hash` : '';
  return `${a.rows} rows${keyed}; checkpoint ${a.checkpoint}${a.checkpointRows === null ? '' : ` (${a.checkpointRows} rows)`}`;
}

/** English text of each warning for the terminal (the app translates the same keys). */
function warningText(warning: DoctorWarning): string {
  const p = warning.params;
  switch (warning.key) {
    case 'doctor.networkDrive':
      return `The data folder is on a network drive (${p.kind}). SQLite must not be used over a network filesystem: file locking is unreliable there and the database can be corrupted. Move the data folder to a local disk (backup, then restore on the local disk); the backup folder may stay on the network.`;
    case 'doctor.syncedFolder':
      return `The data folder is inside a synced folder (${p.name}). Sync programs copy the database while it is being written and can separate it from its -wal file, which corrupts it. Move the data folder out of the synced folder; point backups there instead.`;
    case 'doctor.lowDisk':
      return `Only ${formatBytes(Number(p.freeBytes))} free on the data folder's disk (less than ${formatBytes(Number(p.limitBytes))}). Writes fail once the disk is full: free some space.`;
    case 'doctor.noRecentBackup':
      return p.ageHours === 'never'
        ? `There is no backup in ${p.folder}. Back up now (opsdesk backup --out FILE, or the Data page), and keep automatic backups on.`
        : `The newest backup in ${p.folder} is ${p.ageHours} hours old. Check that automatic backups are on and that the backup folder is reachable.`;
    case 'doctor.backupFolderNotAllowed':
      return `The backup folder ${p.folder} is a system folder or inside the data folder; OpsDesk does not back up there. Choose another folder on the Data page.`;
    case 'doctor.machineSettings':
      return `The machine-wide settings file ${p.file} ${p.problem}; it is ignored and OpsDesk uses its defaults.`;
    case 'doctor.largeWal':
      return `The write-ahead log (opsdesk.sqlite-wal) is ${formatBytes(Number(p.walBytes))}, more than ${formatBytes(Number(p.limitBytes))}: something keeps it from being folded back into the database (another OpsDesk window left open?). Close OpsDesk everywhere; never copy or delete the -wal file by hand.`;
  }
}

function storageLine(report: DoctorReport): string {
  const { networkDrive, syncedFolder } = report.storage;
  const where = [
    networkDrive ? `NETWORK DRIVE (${networkDrive})` : 'local disk',
    ...(syncedFolder ? [`inside a SYNCED FOLDER (${syncedFolder})`] : []),
  ].join(', ');
  const free = report.storage.freeBytes === null ? 'free space unknown' : `${formatBytes(report.storage.freeBytes)} free`;
  return `${where}, ${free}`;
}

function printSummary(report: DoctorReport): void {
  const engine = report.server ? `PostgreSQL ${report.server.serverVersion}` : `SQLite ${report.sqliteVersion}`;
  print(`OpsDesk ${report.appVersion} (${engine}), checked ${report.checkedAt}`);
  print(`Data folder: ${report.paths.dataDir}`);
  if (report.server) print(`Database:    ${report.server.database} on the PostgreSQL server`);
  else print(`Database:    ${report.paths.dbFile} (${formatBytes(report.sizes.dbBytes)}, WAL ${formatBytes(report.sizes.walBytes)})`);
  print(`Storage:     ${storageLine(report)}`);
  print(`Schema:      version ${report.schema.database} (this build: ${report.schema.code})`);
  const b = report.backup;
  print(`Backups:     ${b.count} in ${b.folder}; newest ${b.lastBackupAt ? `${b.lastBackupAt} (${b.lastBackupAgeHours} h ago)` : 'none'}; automatic ${b.autoEnabled ? `every ${b.intervalHours} h` : 'off'}`);
  print(`Audit log:   ${auditLine(report)}`);
  for (const i of report.audit.incidents) print(`             NOTE  row ${i.seq} (${i.at}): ${INCIDENT_TEXT[i.kind]}`);
  print();
  for (const check of report.checks) {
    print(`${check.ok ? 'ok  ' : 'FAIL'}  ${CHECK_TITLES[check.name]}`);
    for (const line of check.details) print(`        ${line}`);
  }
  print();
  if (report.warnings.length > 0) {
    print('Warnings:');
    for (const warning of report.warnings) print(`  WARNING  ${warningText(warning)}`);
    print();
  }
  print('Rows per table:');
  print(table(Object.entries(report.counts).map(([name, n]) => [`  ${name}`, String(n)])));
  print();
  print(report.healthy ? 'Healthy.' : 'PROBLEMS FOUND: restore a backup or contact support before using this data folder.');
}

export const doctorCommand: CommandSpec = {
  name: 'doctor',
  summary:
    'Checks the database and reports its health. Integrity, references, schema version, durability settings, the audit log (keyed hash chain, truncation against its checkpoint), accounts changed outside OpsDesk, rows per table and file sizes; warns about little free disk space, a large WAL, and a data folder on a network drive or in a synced folder.',
  options: { json: { type: 'boolean', description: 'print the report as JSON' } },
  notes: [
    'Exit codes: 0 healthy (warnings included), 1 problems found or the database cannot be opened, 2 bad arguments.',
    'JSON: `audit` {ok, rows, firstBrokenSeq, truncated, checkpoint, checkpointRows, keyedFromSeq, incidents} and `accounts` {ok, tampered, removed} are stable field names for scripts.',
  ],
  async run(input) {
    const report = await withCore(input.dataDir, { mustExist: true }, runDoctor);
    if (input.flag('json')) printJson(report);
    else printSummary(report);
    return report.healthy ? EXIT_OK : EXIT_FAILED;
  },
};
