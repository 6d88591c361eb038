import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { joinContracts, mutation, query } from '../../shared/api/define.js';
import { contract, METHOD_NAMES } from '../../shared/api/index.js';
import { TABLE_PERMISSIONS } from '../../shared/domain/permissions.js';

describe('contract', () => {
  it('refuses a method defined twice when joining areas', () => {
    const a = { 'x.read': query<null>()({ input: z.object({}).strict(), permission: 'session' }) };
    const b = { 'x.read': mutation<null>()({ input: z.object({}).strict(), permission: 'public' }) };
    expect(() => joinContracts(a, b)).toThrow('Duplicate contract method: x.read');
    expect(Object.keys(joinContracts(a, { 'x.write': b['x.read'] }))).toEqual(['x.read', 'x.write']);
  });

  it('names every method area.action', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(40);
    for (const name of METHOD_NAMES) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('gives every method a known permission and a flag saying whether it writes', () => {
    const known = new Set<string>(['public', 'session', ...TABLE_PERMISSIONS]);
    for (const name of METHOD_NAMES) {
      const spec = contract[name];
      expect({ name, known: known.has(spec.permission), mutates: typeof spec.mutates }).toEqual({ name, known: true, mutates: 'boolean' });
    }
    // Only signing in and first-run setup are reachable without a session.
    expect(METHOD_NAMES.filter((m) => contract[m].permission === 'public').sort()).toEqual(['auth.login', 'setup.initialize', 'setup.status']);
  });

  it('rejects unknown keys in every input (strict objects)', async () => {
    for (const name of METHOD_NAMES) {
      const result = await contract[name].input.safeParseAsync({ unexpectedKey: 1 });
      expect({ name, success: result.success }).toEqual({ name, success: false });
      expect({ name, codes: result.error!.issues.map((i) => i.code) }).toEqual({ name, codes: expect.arrayContaining(['unrecognized_keys']) });
    }
  });
});
