import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, ensureBuilt } from '../support/build.js';
import { tempDir } from './support/cli.js';

/**
 * Issue 7: starting the core must not load what only some calls need. exceljs (spreadsheets, run
 * in the worker) and zxcvbn (the password estimate) together cost about 0.4 s of import on this
 * machine; they load on first use (kernel/jobs/runner.ts, shared/domain/passwords.ts).
 */
function packagesLoadedBy(script: string): string[] {
  const log = path.join(tempDir(), 'modules.log');
  fs.writeFileSync(log, '');
  const hooks = pathToFileURL(path.resolve('tests/cli/support/module-log-hooks.mjs')).href;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)});`;
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', script], {
    env: { ...process.env, OPSDESK_TEST_MODULE_LOG: log },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).toBe('');
  return [...new Set(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean))];
}

describe('what starting the core loads', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('opens a data folder and answers a call without loading exceljs or zxcvbn', () => {
    const core = pathToFileURL(path.join(DIST, 'electron/core/index.js')).href;
    const dir = tempDir();
    const loaded = packagesLoadedBy(
      `const { createCore } = await import(${JSON.stringify(core)});
       const c = await createCore({ dataDir: ${JSON.stringify(dir)}, log: () => {}, auditKey: Buffer.alloc(32, 1) });
       const r = await c.call('setup.status', {});
       if (!r.ok) throw new Error('setup.status failed');
       await c.close();`,
    );
    expect(loaded).toContain('typeorm'); // the hooks saw the core's packages
    expect(loaded.filter((p) => p === 'exceljs' || p.startsWith('@zxcvbn-ts/'))).toEqual([]);
  });
});
