import { describe, it } from 'vitest';
import { hasStackTrace, opsdesk, tempDir } from './support/cli.js';

describe.concurrent('opsdesk arguments', () => {
  it('prints the general help and each command help with exit 0', async ({ expect }) => {
    const help = await opsdesk(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: opsdesk [--data-dir DIR] [--database-url URL] COMMAND');
    for (const command of ['init', 'doctor', 'methods', 'call', 'demo', 'org import', 'org export']) expect(help.stdout).toContain(`  ${command}`);

    const [init, orgImport, helpCall, org, version] = await Promise.all([
      opsdesk(['init', '--help']),
      opsdesk(['org', 'import', '--help']),
      opsdesk(['help', 'call']),
      opsdesk(['org', '--help']),
      opsdesk(['--version']),
    ]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('--admin-password P');
    expect(orgImport.stdout).toContain('--dry-run');
    expect(helpCall.stdout).toContain('OPSDESK_PASSWORD');
    expect(org.stdout).toContain('org export FILE --user U');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  const cases: [string, string[], string][] = [
    ['no command', [], 'missing command'],
    ['unknown command', ['frobnicate'], "unknown command 'frobnicate'"],
    ['unknown option', ['doctor', '--frob'], "unknown option '--frob'"],
    ['missing required option', ['init', '--department', '运营部', '--admin-user', 'admin'], 'missing required option --admin-password'],
    ['missing option value', ['init', '--department'], '--department needs a value'],
    ['option where a value belongs', ['org', 'export', 'x.xlsx', '--user', '--locale', 'en-US'], '--user needs a value'],
    ['value for a flag', ['doctor', '--json=yes'], "option '--json' does not take an argument"],
    ['missing positional', ['org', 'export', '--user', 'admin'], 'missing FILE'],
    ['extra positional', ['doctor', 'now'], "unexpected argument 'now'"],
    ['missing subcommand', ['org'], "'org' needs a subcommand"],
    ['unknown subcommand', ['org', 'delete'], "unknown command 'org delete'"],
    ['bad choice', ['org', 'export', 'x.xlsx', '--user', 'admin', '--locale', 'fr-FR'], '--locale must be one of zh-CN, en-US'],
    ['empty value', ['init', '--department', '', '--admin-user', 'a', '--admin-password', 'b'], '--department must not be empty'],
  ];

  it.for(cases)('%s: one clear message, the usage, exit 2', async ([, args, message], { expect }) => {
    const run = await opsdesk(['--data-dir', tempDir(), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`opsdesk: ${message}`);
    expect(run.stderr).toContain('Usage:');
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('rejects options before the command other than --data-dir, and --data-dir without a folder', async ({ expect }) => {
    const [unknown, noFolder] = await Promise.all([opsdesk(['--frob', 'doctor']), opsdesk(['--data-dir'])]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("opsdesk: unknown option '--frob' before the command");
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain('opsdesk: --data-dir needs a folder');
  });
});
