import { defaultDataDir } from '../core/paths.js';
import { readAppVersion } from '../core/version.js';
import { commandHelp, parseCommand, usageLine, type CommandSpec } from './command.js';
import { attendanceImportCommand, attendanceReportCommand } from './commands/attendance.js';
import { backupCommand, backupVerifyCommand, restoreCommand } from './commands/backup.js';
import { callCommand } from './commands/call.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { exportAllCommand } from './commands/export-all.js';
import { initCommand } from './commands/init.js';
import { methodsCommand } from './commands/methods.js';
import { migrateDataCommand } from './commands/migrate-data.js';
import { orgExportCommand } from './commands/org-export.js';
import { orgImportCommand } from './commands/org-import.js';
import { usersUnlockCommand } from './commands/users.js';
import { CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { print, table, warn } from './output.js';
import { DATABASE_URL_ENV, databaseUrlFrom, PASSWORD_ENV, useDatabaseUrl, useKeyProtector } from './session.js';
import type { KeyProtector } from '../core/kernel/secrets.js';

const COMMANDS: CommandSpec[] = [initCommand, doctorCommand, methodsCommand, callCommand, demoCommand, orgImportCommand, orgExportCommand, attendanceImportCommand, attendanceReportCommand, exportAllCommand, backupCommand, backupVerifyCommand, restoreCommand, usersUnlockCommand, migrateDataCommand];
/** Words that only group subcommands ('org' -> 'org import', 'org export'). */
const GROUPS = new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!));

const firstSentence = (text: string) => text.split(/(?<=\.)\s/)[0]!;

function generalHelp(): string {
  return [
    `OpsDesk ${readAppVersion()}: the command line for IT and power users.`,
    '',
    'Usage: opsdesk [--data-dir DIR] [--database-url URL] COMMAND [options]',
    '',
    'Commands:',
    table(COMMANDS.map((c) => [`  ${c.name}`, firstSentence(c.summary)])),
    '',
    'Options:',
    `  --data-dir DIR  data folder (default: ${defaultDataDir()})`,
    `  --database-url URL  keep the data on a PostgreSQL server (postgres://user@host/db) instead of`,
    `                  the data folder's SQLite file; also ${DATABASE_URL_ENV}. Put the password in PGPASSWORD`,
    '                  or ~/.pgpass rather than in the URL (the command line is visible to others).',
    '  -h, --help      this help; `opsdesk COMMAND --help` for one command',
    '  -V, --version   the version',
    '',
    `Environment: ${PASSWORD_ENV} is the password of --user (call, org import, org export, attendance import, attendance report).`,
    'Exit codes: 0 ok, 1 failed or refused, 2 bad arguments.',
  ].join('\n');
}

function groupHelp(group: string): string {
  const members = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
  return ['Usage:', ...members.map((c) => `  ${usageLine(c)}`), '', table(members.map((c) => [`  ${c.name}`, firstSentence(c.summary)]))].join('\n');
}

/** Splits the options before the command (only --data-dir, --help, --version) from the command and its arguments. */
function splitGlobal(argv: string[]): { dataDir: string | undefined; databaseUrl: string | undefined; help: boolean; version: boolean; rest: string[] } {
  let dataDir: string | undefined;
  let databaseUrl: string | undefined;
  let help = false;
  let version = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) break;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version' || arg === '-V') version = true;
    else if (arg === '--data-dir') {
      dataDir = argv[++i];
      if (dataDir === undefined || dataDir.startsWith('-')) throw new UsageError('--data-dir needs a folder');
    } else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else if (arg === '--database-url') {
      databaseUrl = argv[++i];
      if (databaseUrl === undefined || databaseUrl.startsWith('-')) throw new UsageError('--database-url needs a postgres:// URL');
    } else if (arg.startsWith('--database-url=')) databaseUrl = arg.slice('--database-url='.length);
    else if (arg === '--') {
      i++;
      break;
    } else throw new UsageError(`unknown option '${arg}' before the command`);
  }
  return { dataDir, databaseUrl, help, version, rest: argv.slice(i) };
}

/** Finds the command the words name; returns it with the arguments that follow it. */
function resolveCommand(rest: string[]): { spec: CommandSpec; args: string[] } | { group: string } {
  const [first, second] = rest;
  if (first === undefined) throw new UsageError('missing command');
  // 'backup --out F' is a command of its own while 'backup verify F' is in the group 'backup'.
  const alone = COMMANDS.find((c) => c.name === first);
  if (alone && GROUPS.has(first) && (second === undefined || second.startsWith('-'))) return { spec: alone, args: rest.slice(1) };
  if (GROUPS.has(first)) {
    if (second === undefined) throw new UsageError(`'${first}' needs a subcommand`, first);
    if (second === '--help' || second === '-h') return { group: first };
    const spec = COMMANDS.find((c) => c.name === `${first} ${second}`);
    if (!spec) throw new UsageError(`unknown command '${first} ${second}'`, first);
    return { spec, args: rest.slice(2) };
  }
  const spec = COMMANDS.find((c) => c.name === first);
  if (!spec) throw new UsageError(`unknown command '${first}'`);
  return { spec, args: rest.slice(1) };
}

function usageFor(name: string | null): string {
  if (name && GROUPS.has(name)) return groupHelp(name);
  const spec = name ? COMMANDS.find((c) => c.name === name) : undefined;
  if (spec) return `Usage: ${usageLine(spec)}\nMore: opsdesk ${spec.name} --help`;
  return `Usage: opsdesk [--data-dir DIR] COMMAND [options]\nCommands: ${COMMANDS.map((c) => c.name).join(', ')}\nMore: opsdesk --help`;
}

/** Runs the command line; returns the exit code. Expected failures print one message, never a stack. */
export async function main(argv: string[], options: { keyProtector?: KeyProtector | null } = {}): Promise<number> {
  useKeyProtector(options.keyProtector ?? null);
  try {
    const global = splitGlobal(argv);
    useDatabaseUrl(databaseUrlFrom(global.databaseUrl ?? process.env[DATABASE_URL_ENV]));
    if (global.version) {
      print(readAppVersion());
      return EXIT_OK;
    }
    if (global.help || global.rest[0] === 'help') {
      const topic = global.rest[0] === 'help' ? global.rest.slice(1) : global.rest;
      const found = topic.length ? resolveCommand(topic) : null;
      print(found === null ? generalHelp() : 'group' in found ? groupHelp(found.group) : commandHelp(found.spec));
      return EXIT_OK;
    }
    const found = resolveCommand(global.rest);
    if ('group' in found) {
      print(groupHelp(found.group));
      return EXIT_OK;
    }
    const input = parseCommand(found.spec, found.args, global.dataDir);
    if (input === null) {
      print(commandHelp(found.spec));
      return EXIT_OK;
    }
    return await found.spec.run(input);
  } catch (err) {
    if (err instanceof UsageError) {
      warn(`opsdesk: ${err.message}\n\n${usageFor(err.command)}`);
      return EXIT_USAGE;
    }
    if (err instanceof CliError) {
      warn(`opsdesk: ${err.message}`);
      return err.exitCode;
    }
    // A bug, not a user mistake: the stack is what a developer needs to fix it.
    warn(`opsdesk: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT_FAILED;
  }
}
