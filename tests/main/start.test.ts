import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../core/support/harness.js';

/**
 * scripts/start.mjs (`npm start` after the build) as a real process. ELECTRON_OVERRIDE_DIST_PATH
 * (honoured by the electron package too) points it at a folder of our choosing, so these tests
 * behave the same whether or not this machine has the Electron binary. Browser mode needs the
 * compiled bridge (npm run build:node).
 */
const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'scripts', 'start.mjs');

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = tempDir('opsdesk-start-');
  folders.push(dir);
  return dir;
}

function start(args: string[], electronDir: string, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electronDir, ...extraEnv };
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, ms: number): Promise<RegExpExecArray> => {
    const until = Date.now() + ms;
    for (;;) {
      const match = pattern.exec(output);
      if (match) return match;
      if (Date.now() > until || child.exitCode !== null) throw new Error(`not seen: ${pattern}\noutput:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exited, waitFor, output: () => output };
}

const FALLBACK_LINE = 'Electron is not available on this machine; starting OpsDesk in browser mode instead.';

describe('npm start', () => {
  it('without the Electron binary: says so in one line and serves browser mode on the same data folder', async () => {
    const dataDir = folder();
    const run = start(['--data-dir', dataDir, '--port', '0', '--no-sandbox'], folder());
    const [, url, key] = await run.waitFor(/Open: (http:\/\/127\.0\.0\.1:\d+\/)\?key=(\S+)/, 15_000);
    expect(run.output().split('\n')[0]).toBe(FALLBACK_LINE);
    expect(run.output().match(/Electron is not available/g)).toHaveLength(1);
    const response = await fetch(new URL('api/invoke', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-OpsDesk-Key': key! },
      body: JSON.stringify({ method: 'setup.status', input: {} }),
    });
    expect(await response.json()).toEqual({ ok: true, data: { initialized: false, departmentName: null, defaultLocale: 'zh-CN' } });
    expect(fs.existsSync(path.join(dataDir, 'opsdesk.sqlite'))).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 30_000);

  it.skipIf(process.platform === 'win32')('with the Electron binary: runs it on the app folder with the arguments, and exits with its code', async () => {
    const electronDir = folder();
    const record = path.join(electronDir, 'record.txt');
    fs.writeFileSync(
      path.join(electronDir, 'electron'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}"\necho "RUN_AS_NODE=\${ELECTRON_RUN_AS_NODE:-unset}" >> "${record}"\nexit 3\n`,
      { mode: 0o755 },
    );
    const run = start(['--data-dir', 'some dir', '--lang=en'], electronDir, { ELECTRON_RUN_AS_NODE: '1' });
    expect(await run.exited).toBe(3);
    expect(fs.readFileSync(record, 'utf8').split('\n')).toEqual([root, '--data-dir', 'some dir', '--lang=en', 'RUN_AS_NODE=unset', '']);
    expect(run.output()).not.toContain('browser mode');
  }, 30_000);

  it.skipIf(process.platform === 'win32')('with a binary that cannot be executed: falls back to browser mode', async () => {
    const electronDir = folder();
    fs.writeFileSync(path.join(electronDir, 'electron'), 'not a program', { mode: 0o644 });
    const run = start(['--data-dir', folder(), '--port', '0'], electronDir);
    await run.waitFor(/Open: http:\/\/127\.0\.0\.1:\d+\//, 15_000);
    expect(run.output().split('\n')[0]).toBe(FALLBACK_LINE);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 30_000);
});
