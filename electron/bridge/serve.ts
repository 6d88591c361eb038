import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCore } from '../core/index.js';
import { defaultDataDir } from '../core/paths.js';
import { defaultDataDirFor, loadMachineSettings } from '../core/modules/settings/machine.js';
import { DatabaseOpenError } from '../core/db/errors.js';
import { InstallKeyError, loadInstallKey } from '../core/kernel/secrets.js';
import { startBridge } from './server.js';

/**
 * `npm run web`: OpsDesk in the browser. Serves the built renderer and the core on 127.0.0.1 and
 * prints the address to open (with this launch's key).
 */
const HELP = `Usage: node dist/electron/bridge/serve.js [--data-dir DIR] [--database-url URL] [--port N]
  --data-dir DIR   data folder (default: ${defaultDataDir()})
  --database-url URL  keep the data on a PostgreSQL server (postgres://user@host/db); also OPSDESK_DATABASE_URL
  --port N         port on 127.0.0.1 (default 5170; 0 picks a free one)`;

async function main(): Promise<void> {
  let values: { 'data-dir'?: string; 'database-url'?: string; port?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${HELP}`);
    process.exit(2);
  }
  if (values.help) return void console.log(HELP);
  const port = values.port === undefined ? 5170 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535\n${HELP}`);
    process.exit(2);
  }
  const databaseUrl = (values['database-url'] ?? process.env.OPSDESK_DATABASE_URL ?? '').trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\/./i.test(databaseUrl)) {
    console.error(`--database-url must be a postgres:// URL\n${HELP}`);
    process.exit(2);
  }
  const machineSettings = loadMachineSettings();
  if (machineSettings.problem) console.warn(`The settings file ${machineSettings.file} ${machineSettings.problem}; it is ignored.`);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDirFor(machineSettings));
  const staticDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../renderer');
  let core;
  try {
    // Browser mode has no OS keychain: the install key is a 0600 file in the data folder (kernel/secrets.ts).
    const auditKey = loadInstallKey(dataDir, null).key;
    core = await createCore({ dataDir, databaseUrl, machineSettings, autoBackup: true, auditKey });
  } catch (err) {
    const known = err instanceof DatabaseOpenError || err instanceof InstallKeyError;
    console.error(known ? err.message : `Cannot open the data folder ${dataDir}: ${(err as Error).message}`);
    process.exit(1);
  }
  let bridge;
  try {
    bridge = await startBridge({ core, port, staticDir });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    bridge = await startBridge({ core, port: 0, staticDir });
  }
  console.log(`OpsDesk (browser mode) is running. Data folder: ${dataDir}`);
  console.log(`Open: ${bridge.openUrl}`);
  const stop = async () => {
    await bridge.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
