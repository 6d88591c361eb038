/**
 * Child process of read-only-disk-full.test.ts: opens the compiled core on a data folder whose
 * database file the test made read-only, tries a read and two writes, and prints what happened
 * as one JSON line. It runs as an unprivileged user when the test runs as root (root ignores
 * file modes).
 *
 *   node read-only-probe.mjs <dist core index.js> <data folder> <admin user> <admin password>
 *
 * Type-only imports: at run time the core comes from dist/ (see support/scripts.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type CoreModule = typeof import('../../../electron/core/index.js');

export interface ProbeReport {
  uid: number | null;
  /** Whether this process may write the database file (false is the point of the test). */
  dbWritable: boolean;
  /** 'ok', or the error createCore threw. */
  open: string;
  status?: unknown;
  login?: unknown;
  wrongPassword?: unknown;
  /** 'ok', or the error close() threw. */
  close?: string;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function main(): Promise<ProbeReport> {
  const [coreFile, dataDir, username, password] = process.argv.slice(2);
  if (!coreFile || !dataDir || !username || !password) throw new Error('usage: read-only-probe.mjs CORE DATA_DIR USER PASSWORD');
  const report: ProbeReport = { uid: process.getuid?.() ?? null, dbWritable: true, open: 'ok' };
  try {
    fs.accessSync(path.join(dataDir, 'opsdesk.sqlite'), fs.constants.W_OK);
  } catch {
    report.dbWritable = false;
  }
  const { createCore } = (await import(pathToFileURL(coreFile).href)) as CoreModule;
  let core: Awaited<ReturnType<CoreModule['createCore']>>;
  try {
    // The tests' fixed install key (tests/support/keys.ts), written inline: this script imports only the compiled core.
    core = await createCore({ dataDir, log: () => {}, auditKey: Buffer.alloc(32, 0x42) });
  } catch (err) {
    report.open = message(err);
    return report;
  }
  report.status = await core.call('setup.status', {});
  // Signing in writes (last login, audit row); a wrong password writes the failure count.
  report.login = await core.call('auth.login', { username, password });
  report.wrongPassword = await core.call('auth.login', { username, password: `${password}-wrong` });
  try {
    await core.close();
    report.close = 'ok';
  } catch (err) {
    report.close = message(err);
  }
  return report;
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
