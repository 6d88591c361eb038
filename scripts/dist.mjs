#!/usr/bin/env node
/**
 * `npm run dist` / `npm run dist:dir`: OpsDesk's installers, built from a staged copy of the app.
 *
 *   npm run dist                          installers for this OS (electron-builder.yml's targets)
 *   npm run dist -- --win nsis msi        only some targets (any electron-builder arguments)
 *   npm run dist -- --arm64               another architecture of this OS, one per run (needs a
 *                                         prebuilt better-sqlite3: native code is not cross-compiled)
 *   npm run dist:dir                      the unpacked app only (release/<os>-unpacked)
 *
 * Steps: `npm run build`; stage the app in release/stage/ (dist/, a package.json with only the
 * runtime "dependencies", the lock file pruned to them, electron-builder.yml, resources/);
 * `npm ci --omit=dev --ignore-scripts` there; rebuild better-sqlite3 for the installed Electron's
 * ABI with @electron/rebuild on that staged copy; electron-builder `--projectDir release/stage
 * -c.npmRebuild=false` with the arguments given here. Artifacts land in release/.
 * The repository's own node_modules is never rebuilt: Node runs the tests and the CLI against it.
 *
 * WHAT ONLY A NETWORKED BUILD MACHINE CAN PRODUCE (one per OS: installers are built on the OS
 * they are for, because better-sqlite3 is compiled for the OS it is built on):
 *   - the production dependencies in the stage (npm registry);
 *   - better-sqlite3 for Electron: a prebuilt binary from better-sqlite3's GitHub releases, or a
 *     compile against Electron's headers (https://www.electronjs.org/headers) with a C++ toolchain;
 *   - the Electron zip for the target OS and architecture (GitHub, or ELECTRON_MIRROR);
 *   - electron-builder's tools: NSIS (Windows .exe), WiX (Windows .msi), appimagetool and fpm
 *     (Linux); dmg and signing/notarization use macOS's own tools and the team's certificates.
 * So: Windows NSIS .exe + .msi on Windows, macOS .dmg + .zip on macOS, Linux AppImage + .deb on
 * Linux. Without network this script stops with one line saying what is missing.
 *
 * Offline, `--offline-check` stages with the production dependencies taken (hard-linked) from the
 * repository's node_modules (Node's build of better-sqlite3, no rebuild, no network) so the
 * package's contents can be inspected: tests/packaging runs it with a placeholder Electron
 * (`-c.electronDist=DIR`). Such a package does not run in Electron.
 *
 * Options of this script (everything else goes to electron-builder):
 *   --skip-build      use the existing dist/ instead of running `npm run build`
 *   --stage DIR       staging folder (default release/stage; emptied first)
 *   --offline-check   see above
 *   --help
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(root, 'package.json'));

/** Fields of package.json the packaged app keeps (electron-builder reads name, version, main...). */
const PACKAGE_FIELDS = ['name', 'productName', 'version', 'description', 'type', 'private', 'license', 'author', 'main', 'dependencies'];

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(1);
}

function say(message) {
  console.log(`dist: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const options = { skipBuild: false, offlineCheck: false, stage: path.join(root, 'release', 'stage'), builderArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--skip-build') options.skipBuild = true;
    else if (arg === '--offline-check') options.offlineCheck = true;
    else if (arg === '--stage') {
      const value = argv[++i];
      if (!value) fail('--stage needs a folder');
      options.stage = path.resolve(value);
    } else if (arg.startsWith('--stage=')) options.stage = path.resolve(arg.slice('--stage='.length));
    else options.builderArgs.push(absolutePathArg(arg));
  }
  return options;
}

/** electron-builder resolves relative paths against --projectDir (the stage): make ours absolute. */
function absolutePathArg(arg) {
  const match = /^(-c|--config)\.(directories\.output|electronDist)=(.+)$/.exec(arg);
  return match ? `${match[1]}.${match[2]}=${path.resolve(match[3])}` : arg;
}

const PLATFORM_FLAGS = { '--win': 'win32', '--windows': 'win32', '--mac': 'darwin', '--macos': 'darwin', '--linux': 'linux' };
const SHORT_PLATFORMS = { w: 'win32', m: 'darwin', o: 'darwin', l: 'linux' };
const ARCH_FLAGS = ['--x64', '--ia32', '--armv7l', '--arm64', '--universal'];
const OS_NAMES = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

/** The platforms and architectures the electron-builder arguments ask for. */
function requestedTargets(builderArgs) {
  const platforms = new Set();
  const archs = [];
  for (const arg of builderArgs) {
    if (PLATFORM_FLAGS[arg]) platforms.add(PLATFORM_FLAGS[arg]);
    else if (/^-[wmol]+$/.test(arg)) for (const c of arg.slice(1)) platforms.add(SHORT_PLATFORMS[c]);
    else if (ARCH_FLAGS.includes(arg)) archs.push(arg.slice(2));
  }
  return { platforms: [...platforms], archs };
}

// ---------------------------------------------------------------------------------------------
// Processes

/** npm as the running npm (npm_execpath) when started by `npm run`, else from PATH. */
function npm(args, cwd) {
  const npmCli = process.env.npm_execpath;
  const result =
    npmCli && /\.[cm]?js$/.test(npmCli)
      ? spawnSync(process.execPath, [npmCli, ...args], { cwd, stdio: 'inherit' })
      : spawnSync('npm', args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

function electronVersion() {
  try {
    return requireFromRoot('electron/package.json').version;
  } catch {
    return fail('the electron package is not installed (npm ci): its version is the one the app is packaged with');
  }
}

async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(8000) });
    return true;
  } catch {
    return false;
  }
}

/** Fails fast, in one line, when none of the download hosts can be reached. */
async function preflight(version, platform, arch) {
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'npm_config_proxy', 'npm_config_https_proxy'].some((name) => process.env[name]);
  if (proxied) return; // Node's fetch ignores proxies; npm, @electron/rebuild and electron-builder use them
  const [github, headers] = await Promise.all([
    reachable('https://github.com/'),
    reachable(`https://www.electronjs.org/headers/v${version}/node-v${version}-headers.tar.gz`),
  ]);
  if (!github && !headers) {
    fail(
      `needs network (github.com and www.electronjs.org cannot be reached from this machine): Electron ${version} for ${platform}-${arch}, ` +
        `better-sqlite3 built for it (prebuilt from GitHub or compiled with Electron's headers) and electron-builder's NSIS/WiX/AppImage/fpm tools are downloaded. ` +
        'Run `npm run dist` on a networked build machine; offline, `npx vitest run --project packaging` checks the configuration.',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Stage

/** The lock file with only what `npm ci --omit=dev` installs: npm ci accepts it for the trimmed package.json. */
function prunedLock(rootPackage) {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  if (!(lock.lockfileVersion >= 2) || !lock.packages) fail('package-lock.json must be lockfileVersion 2 or 3');
  const packages = {};
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '') {
      packages[key] = { name: rootPackage.name, version: rootPackage.version, license: rootPackage.license, dependencies: rootPackage.dependencies };
    } else if (!entry.dev) {
      packages[key] = entry;
    }
  }
  const pruned = { ...lock, packages };
  delete pruned.dependencies; // lockfile v2's legacy section, regenerated by npm when needed
  return pruned;
}

function stageApp(stage) {
  const relative = path.relative(stage, root);
  if (relative === '' || !relative.startsWith('..') || stage === path.parse(stage).root) {
    fail(`refusing to use ${stage} as the stage: it would contain the repository`);
  }
  if (!fs.existsSync(path.join(root, 'dist', 'electron', 'main', 'index.js'))) fail('dist/ is not built (npm run build)');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), { recursive: true });
  fs.cpSync(path.join(root, 'resources'), path.join(stage, 'resources'), { recursive: true });
  fs.copyFileSync(path.join(root, 'electron-builder.yml'), path.join(stage, 'electron-builder.yml'));

  const source = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const pkg = Object.fromEntries(PACKAGE_FIELDS.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]));
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const lock = prunedLock(pkg);
  fs.writeFileSync(path.join(stage, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  return lock;
}

/**
 * Offline check: the production packages taken from the repository's node_modules. Files are
 * hard-linked when the stage is on the same disk (nothing writes to them in this mode: no
 * rebuild), copied otherwise.
 */
function linkOrCopyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkOrCopyTree(source, target);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else {
      try {
        fs.linkSync(source, target);
      } catch {
        fs.copyFileSync(source, target);
      }
    }
  }
}

function takeProductionDependencies(stage, lock) {
  let taken = 0;
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!/^node_modules\/(@[^/]+\/)?[^/]+$/.test(key)) continue; // nested ones come with their parent
    const from = path.join(root, key);
    if (!fs.existsSync(from)) {
      if (entry.optional) continue; // e.g. a binary for another OS
      fail(`${key} is missing from the repository's node_modules (npm ci)`);
    }
    linkOrCopyTree(from, path.join(stage, key));
    taken++;
  }
  return taken;
}

async function rebuildForElectron(stage, version, arch) {
  let rebuild;
  try {
    ({ rebuild } = await import('@electron/rebuild'));
  } catch {
    fail('@electron/rebuild is not installed (it comes with electron-builder: npm ci)');
  }
  try {
    await rebuild({ buildPath: stage, electronVersion: version, arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
  } catch (error) {
    const first = String(error instanceof Error ? error.message : error).split('\n')[0];
    fail(
      `rebuilding better-sqlite3 for Electron ${version} (${process.platform}-${arch}) needs network: a prebuilt binary from GitHub, ` +
        `or Electron's headers from www.electronjs.org and a C++ toolchain (${first})`,
    );
  }
  const binary = path.join(stage, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(binary)) fail(`the rebuild left no ${path.relative(root, binary)}`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
    console.log(text.slice(text.indexOf('/**') + 3, text.indexOf('*/')).replace(/^ \* ?/gm, '').trim());
    return;
  }
  const version = electronVersion();
  const { platforms, archs } = requestedTargets(options.builderArgs);
  const arch = archs[0] ?? process.arch;

  if (options.offlineCheck) {
    say('offline check: production dependencies taken from node_modules with Node\'s build of better-sqlite3; the package is for inspection and does not run in Electron');
  } else {
    const foreign = platforms.find((p) => p !== process.platform);
    if (foreign) fail(`build ${OS_NAMES[foreign] ?? foreign} installers on ${OS_NAMES[foreign] ?? foreign}: better-sqlite3 is compiled for the OS it is built on`);
    if (archs.length > 1 || arch === 'universal') fail('one architecture per run (better-sqlite3 is rebuilt for one): e.g. `npm run dist -- --arm64`');
    await preflight(version, process.platform, arch);
  }

  if (!options.skipBuild) {
    say('npm run build');
    if (npm(['run', 'build'], root) !== 0) fail('npm run build failed');
  }

  say(`staging the app in ${path.relative(process.cwd(), options.stage) || options.stage}`);
  const lock = stageApp(options.stage);
  if (options.offlineCheck) {
    say(`took ${takeProductionDependencies(options.stage, lock)} production packages from node_modules`);
  } else {
    say('npm ci --omit=dev in the stage');
    if (npm(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], options.stage) !== 0) {
      fail('npm ci in the stage failed: installing the production dependencies needs the npm registry');
    }
    say(`rebuilding better-sqlite3 for Electron ${version} (${arch}) in the stage`);
    await rebuildForElectron(options.stage, version, arch);
  }

  const builderArgs = ['--projectDir', options.stage, '-c.npmRebuild=false', `-c.electronVersion=${version}`];
  const given = options.builderArgs;
  if (!given.some((a) => /^(-c|--config)\.directories\.output=/.test(a))) builderArgs.push(`-c.directories.output=${path.join(root, 'release')}`);
  if (!given.some((a) => a === '-p' || a === '--publish' || a.startsWith('--publish='))) builderArgs.push('--publish', 'never');
  builderArgs.push(...given);
  say(`electron-builder ${builderArgs.join(' ')}`);
  const cli = path.join(path.dirname(requireFromRoot.resolve('electron-builder/package.json')), 'cli.js');
  const result = spawnSync(process.execPath, [cli, ...builderArgs], { cwd: options.stage, stdio: 'inherit' });
  if (result.status !== 0) {
    fail(
      `electron-builder failed (above). Without network it cannot download Electron ${version} (unless -c.electronDist is given) ` +
        'nor the NSIS/WiX/AppImage/fpm tools: installers need a networked build machine.',
    );
  }
  say('done');
}

await main();
