import { describe, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../shared/api/index.js';
import { opsdesk } from './support/cli.js';

interface MethodJson {
  name: string;
  permission: string;
  mutates: boolean;
  input: { $schema?: string; type?: string; properties?: Record<string, unknown>; required?: string[] };
}

describe.concurrent('opsdesk methods', () => {
  it('lists every contract method with its permission, mutates flag and input JSON Schema', async ({ expect }) => {
    const run = await opsdesk(['methods', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const methods = run.json<MethodJson[]>();
    expect(methods.map((m) => m.name).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of methods) {
      const spec = contract[m.name as keyof typeof contract];
      expect(m.permission, m.name).toBe(spec.permission);
      expect(m.mutates, m.name).toBe(spec.mutates);
      expect(m.input.$schema, m.name).toContain('json-schema.org');
      expect(m.input.type, m.name).toBe('object');
    }
    // Inputs as a caller writes them: fields with defaults are optional.
    const setup = methods.find((m) => m.name === 'setup.initialize')!;
    expect(setup.input.required).toEqual(expect.arrayContaining(['departmentName', 'adminUsername', 'adminPassword']));
    expect(setup.input.required).not.toContain('withDemoData');
    expect(Object.keys(setup.input.properties ?? {})).toContain('withDemoData');
  });

  it('prints a table without --json, and needs no data folder', async ({ expect }) => {
    const run = await opsdesk(['--data-dir', '/nonexistent/opsdesk-folder', 'methods']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/org\.employees\.create\s+org\.write\s+yes/);
    expect(run.stdout).toMatch(/org\.employees\.list\s+org\.read\s+no/);
  });
});
