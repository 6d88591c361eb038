#!/usr/bin/env node
// A throw-away PostgreSQL cluster on 127.0.0.1 for the PostgreSQL leg of the tests.
//
//   node scripts/pg-test-server.mjs start   prints the URL to put in OPSDESK_TEST_DATABASE_URL
//   node scripts/pg-test-server.mjs stop    stops it and removes its folder
//   node scripts/pg-test-server.mjs status  exit 0 when one answers on the port already
//
// Uses Debian's server binaries (/usr/lib/postgresql/<version>/bin, or PG_BIN). initdb refuses to
// run as root, so as root the cluster runs as the `postgres` user. Durability is switched off
// (fsync, synchronous_commit): the cluster lives for one test run and speed is what matters.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.OPSDESK_TEST_PG_PORT ?? 54329);
const DIR = path.join(os.tmpdir(), `opsdesk-pg-${PORT}`);
const URL = `postgres://postgres@127.0.0.1:${PORT}/postgres`;

function serverBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('No PostgreSQL server binaries found (apt-get install -y postgresql, or set PG_BIN).');
  return path.join(root, versions[0], 'bin');
}

const asRoot = process.getuid?.() === 0;
function run(tool, args, options = {}) {
  const file = path.join(serverBin(), tool);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
}

function ready() {
  return spawnSync(path.join(serverBin(), 'pg_isready'), ['-h', '127.0.0.1', '-p', String(PORT)], { stdio: 'ignore' }).status === 0;
}

function start() {
  if (ready()) return console.log(URL);
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  if (asRoot) execFileSync('chown', ['postgres', DIR]);
  run('initdb', ['-D', DIR, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  const settings = [
    `listen_addresses = '127.0.0.1'`,
    `port = ${PORT}`,
    `unix_socket_directories = '${DIR}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_connections = 300',
    `shared_buffers = '256MB'`,
  ];
  fs.appendFileSync(path.join(DIR, 'postgresql.conf'), `\n${settings.join('\n')}\n`);
  run('pg_ctl', ['-D', DIR, '-l', path.join(DIR, 'server.log'), '-w', 'start']);
  console.log(URL);
}

function stop() {
  if (fs.existsSync(path.join(DIR, 'postmaster.pid'))) {
    try {
      run('pg_ctl', ['-D', DIR, '-m', 'fast', '-w', 'stop']);
    } catch {
      // Already gone: nothing to stop.
    }
  }
  fs.rmSync(DIR, { recursive: true, force: true });
}

const command = process.argv[2];
if (command === 'start') start();
else if (command === 'stop') stop();
else if (command === 'status') process.exit(ready() ? 0 : 1);
else {
  console.error('usage: node scripts/pg-test-server.mjs start|stop|status');
  process.exit(2);
}
