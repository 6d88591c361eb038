import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from '../core/index.js';
import { DatabaseOpenError } from '../core/db/errors.js';
import { dataPaths } from '../core/paths.js';
import { TEST_COST } from '../core/modules/auth/passwords.js';
import { loadMachineSettings } from '../core/modules/settings/machine.js';
import { INSTALL_KEY_FILE, InstallKeyError, loadInstallKey, type KeyProtector } from '../core/kernel/secrets.js';
import type { ApiResult } from '../../shared/domain/errors.js';
import type { LoginOutput } from '../../shared/api/auth.js';
import { CliError, UsageError } from './errors.js';
import { describeApiError, warn } from './output.js';

export const PASSWORD_ENV = 'OPSDESK_PASSWORD';
/**
 * For the CLI's own test suite (tests/cli) only: new passwords are hashed with the cheap test
 * cost (scrypt N=2^10) instead of N=2^17, so ~70 CLI runs with logins and demo accounts fit the
 * test budget on a busy 2-core machine. Never set it for real data: passwords hashed with it are
 * weak against offline guessing. A warning on stderr says when it is on.
 */
export const FAST_HASH_ENV = 'OPSDESK_TEST_FAST_HASH';

/**
 * The install key's protector: the OS keychain when the CLI runs inside the installed app
 * (`OpsDesk --cli`, electron/main/index.ts), none under plain Node (a 0600 key file).
 */
let keyProtector: KeyProtector | null = null;

export const DATABASE_URL_ENV = 'OPSDESK_DATABASE_URL';

/** The PostgreSQL server the data lives on (--database-url or OPSDESK_DATABASE_URL); null: the data folder's SQLite file. */
let databaseUrl: string | null = null;

export function useDatabaseUrl(url: string | null): void {
  databaseUrl = url;
}

/** Checks a --database-url / OPSDESK_DATABASE_URL value: a postgres:// or postgresql:// URL, or nothing. */
export function databaseUrlFrom(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (!/^postgres(ql)?:\/\/./i.test(value.trim())) throw new UsageError(`--database-url must be a postgres:// URL (got '${value.split('@').pop()}')`);
  return value.trim();
}

export function useKeyProtector(protector: KeyProtector | null): void {
  keyProtector = protector;
}

function installKey(dataDir: string): Buffer {
  try {
    const loaded = loadInstallKey(dataDir, keyProtector);
    if (loaded.notice === 'replacedUnreadable') {
      warn(`opsdesk: the install key could not be unwrapped here and was set aside as ${loaded.setAside}; audit rows written under it no longer verify (see opsdesk doctor)`);
    }
    return loaded.key;
  } catch (err) {
    if (err instanceof InstallKeyError) throw new CliError(err.message);
    throw err;
  }
}

/**
 * Opens the data folder. `mustExist` guards commands that only read or change existing data: a
 * mistyped --data-dir should not silently create an empty department.
 */
export async function openCore(
  dataDir: string,
  options: { mustExist: boolean; /** Instead of --database-url: null for the folder's SQLite file. */ databaseUrl?: string | null; /** The folder whose install key to use (default: dataDir). */ keyFrom?: string },
): Promise<Core> {
  const { dbFile } = dataPaths(dataDir);
  const url = options.databaseUrl === undefined ? databaseUrl : options.databaseUrl;
  if (options.mustExist && !url && !fs.existsSync(dbFile)) {
    throw new CliError(`No OpsDesk database in ${dataDir} (expected ${dbFile}). Run \`opsdesk --data-dir ${dataDir} init ...\` first.`);
  }
  // On a server the folder holds the install key the audit log is written with: a mistyped
  // --data-dir would make a new key and write rows no other process can verify.
  const keyFile = path.join(options.keyFrom ?? dataDir, INSTALL_KEY_FILE);
  if (options.mustExist && url && !fs.existsSync(keyFile)) {
    throw new CliError(`No OpsDesk data folder at ${dataDir} (expected its install key ${keyFile}): use the folder this server's department was set up with, or copy its opsdesk.key there.`);
  }
  const fastHash = process.env[FAST_HASH_ENV] === '1';
  if (fastHash) warn(`opsdesk: ${FAST_HASH_ENV}=1: new passwords get the weak test hash cost (for the test suite only)`);
  const auditKey = installKey(options.keyFrom ?? dataDir);
  try {
    return await createCore({
      dataDir,
      databaseUrl: url,
      auditKey,
      machineSettings: loadMachineSettings(),
      ...(fastHash ? { passwordCost: TEST_COST } : {}),
      // An internal error inside a call: say what failed without dumping a stack on the user.
      log: (message, err) => warn(`opsdesk: ${message}${err instanceof Error ? `: ${err.message}` : ''}`),
    });
  } catch (err) {
    if (err instanceof DatabaseOpenError) throw new CliError(err.message);
    throw new CliError(`Cannot open the data folder ${dataDir}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Runs `fn` with an open core and always closes it (the WAL is folded back on close). */
export async function withCore<T>(dataDir: string, options: { mustExist: boolean }, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore(dataDir, options);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** The password for --user comes from the environment, never from the command line (shell history, ps). */
export function passwordFromEnv(command: string): string {
  const password = process.env[PASSWORD_ENV];
  if (!password) throw new UsageError(`set the environment variable ${PASSWORD_ENV} to the password of --user`, command);
  return password;
}

/** Signs in through 'auth.login', exactly as the login screen does. */
export async function login(core: Core, username: string, password: string): Promise<ApiResult<LoginOutput>> {
  return (await core.call('auth.login', { username, password })) as ApiResult<LoginOutput>;
}

/**
 * Signs in, runs `fn` with the session token, signs out. For commands that print their own
 * summary: a refused login becomes a CliError with the reason.
 */
export async function asUser<T>(core: Core, username: string, password: string, fn: (token: string) => Promise<T>): Promise<T> {
  const result = await login(core, username, password);
  if (!result.ok) throw new CliError(`cannot sign in as ${username}: ${describeApiError(result.error)}`);
  const token = result.data.token;
  try {
    return await fn(token);
  } finally {
    await core.call('auth.logout', {}, { token });
  }
}
