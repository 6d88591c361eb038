#!/usr/bin/env node
/**
 * `npm start` (after `npm run build`): opens OpsDesk in Electron when the Electron binary is
 * installed, and otherwise says so in one line and serves the same app in browser mode.
 *
 * Why not simply `electron .`: the electron package (>= 42) downloads its binary on first use, not at
 * install. Its index.js, which `node_modules/.bin/electron` runs, calls install.js when
 * node_modules/electron/path.txt or dist/<that path> is missing; offline that fails ("fetch failed",
 * then "Electron failed to install correctly") or, on a network that drops packets instead of
 * refusing them, waits on the download. So this script looks for the binary itself, the way
 * index.js does (ELECTRON_OVERRIDE_DIST_PATH included), and never runs the download.
 *
 * Usage: node scripts/start.mjs [--data-dir DIR] [--port N] [other Electron/Chromium switches]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** The Electron executable if it is really there; null when it would have to be downloaded. */
function electronExecutable() {
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  let relative = '';
  try {
    relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    // no path.txt: the binary was never downloaded
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !relative) return null;
  const executable = override ? path.join(override, relative || 'electron') : path.join(packageDir, 'dist', relative);
  try {
    return fs.statSync(executable).isFile() ? executable : null;
  } catch {
    return null;
  }
}

/** Only the options browser mode understands, in either spelling (--port 5170 / --port=5170). */
function browserModeArgs(argv) {
  const kept = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data-dir' || arg === '--port') {
      if (argv[i + 1] !== undefined) kept.push(arg, argv[++i]);
    } else if (arg.startsWith('--data-dir=') || arg.startsWith('--port=') || arg === '--help') {
      kept.push(arg);
    }
  }
  return kept;
}

/**
 * Runs a child with this terminal and exits with its code; Ctrl+C reaches the child directly and
 * SIGTERM is passed on. `onSpawnError` is called instead when the child cannot be started at all.
 */
function run(command, commandArgs, { env = process.env, onSpawnError } = {}) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', env, windowsHide: false });
  let started = false;
  let exited = false;
  child.once('spawn', () => {
    started = true;
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        if (!exited) child.kill(signal);
      });
    }
  });
  child.once('error', (err) => {
    if (started) return;
    if (onSpawnError) return onSpawnError(err);
    console.error(`Cannot start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (!started) return;
    exited = true;
    process.exit(code ?? (signal ? 1 : 0));
  });
}

function browserMode() {
  console.log('Electron is not available on this machine; starting OpsDesk in browser mode instead.');
  const serve = path.join(root, 'dist', 'electron', 'bridge', 'serve.js');
  if (!fs.existsSync(serve)) {
    console.error(`${path.relative(root, serve)} is missing: run "npm run build" first.`);
    process.exit(1);
  }
  run(process.execPath, [serve, ...browserModeArgs(args)]);
}

const electron = electronExecutable();
if (electron) {
  // Electron must not start as plain Node because of a variable left in the environment.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  // A binary that is there but cannot be executed (wrong platform, no permission): browser mode.
  run(electron, [root, ...args], { env, onSpawnError: browserMode });
} else {
  browserMode();
}
