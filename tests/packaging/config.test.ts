import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILDER_CLI, ROOT, run, tempDir } from './support.js';

/**
 * electron-builder's own schema validation of electron-builder.yml, run through its CLI.
 * `--dir --prepackaged <empty folder>` makes the CLI load and validate the configuration and then
 * find nothing to package: no Electron download, no tools, about a second.
 */
const CONFIG = path.join(ROOT, 'electron-builder.yml');
const work = tempDir('config');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function validate(configPath: string) {
  const prepackaged = fs.mkdtempSync(path.join(work, 'prepackaged-'));
  return run(process.execPath, [
    BUILDER_CLI,
    '--dir',
    '--projectDir',
    ROOT,
    '--config',
    configPath,
    '--prepackaged',
    prepackaged,
    `-c.directories.output=${path.join(work, 'out')}`,
    '--publish',
    'never',
  ]);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    const result = await validate(CONFIG);
    expect(result.output).toContain('loaded configuration');
    expect(result.output).not.toMatch(/Invalid configuration/i);
    expect(result.code, result.output).toBe(0);
  });

  // The same file with one deliberate mistake must fail, or the check above checks nothing.
  const broken: Array<[string, string, string, RegExp]> = [
    ['a misspelt NSIS option', '  oneClick: false\n  perMachine: false', '  oneClik: false\n  perMachine: false', /configuration\.nsis/],
    ['a fuse given a string', '  runAsNode: false', '  runAsNode: "no"', /runAsNode/],
    ['an unknown top-level key', 'npmRebuild: false', 'npmRebuild: false\nasarUnpackk: []', /asarUnpackk/],
  ];
  it.each(broken)('fails with %s', async (_name, from, to, named) => {
    const text = fs.readFileSync(CONFIG, 'utf8');
    expect(text).toContain(from);
    const copy = path.join(work, `broken-${broken.findIndex(([n]) => n === _name)}.yml`);
    fs.writeFileSync(copy, text.replace(from, to));
    const result = await validate(copy);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Invalid configuration object/);
    expect(result.output).toMatch(named);
  });
});
