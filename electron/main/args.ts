import path from 'node:path';

/**
 * `--data-dir DIR` or `--data-dir=DIR` from the command line (Electron passes its own and Chromium's
 * switches too; everything else is ignored). Relative paths are taken from `cwd`.
 */
export function dataDirArgument(argv: readonly string[], cwd: string = process.cwd()): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === '--data-dir') value = argv[i + 1];
    else if (arg.startsWith('--data-dir=')) value = arg.slice('--data-dir='.length);
    else continue;
    if (value && !value.startsWith('--')) return path.resolve(cwd, value);
  }
  return null;
}
