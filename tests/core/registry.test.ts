import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble, MODULES } from '../../electron/core/api.js';
import { buildRegistry, type HandlerMap } from '../../electron/core/kernel/registry.js';
import { collectHooks, type ModuleDefinition } from '../../electron/core/kernel/module.js';
import { METHOD_NAMES, type MethodName } from '../../shared/api/index.js';
import { openCore, tempDir } from './support/harness.js';

const parts = () => MODULES.map((m) => m.handlers);
const noop = async () => null;

describe('registry', () => {
  it('has exactly one handler for every contract method', () => {
    const registry = buildRegistry(parts());
    expect([...registry.keys()].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('refuses a method handled twice', () => {
    expect(() => buildRegistry([...parts(), { 'auth.me': noop } as unknown as Partial<HandlerMap<MethodName>>])).toThrow('Duplicate handler for method: auth.me');
  });

  it('refuses a handler for a method the contract does not have', () => {
    expect(() => buildRegistry([...parts(), { 'auth.impersonate': noop } as unknown as Partial<HandlerMap<MethodName>>])).toThrow(
      'Handler for unknown method: auth.impersonate',
    );
  });

  it('refuses a contract method without a handler, and the core does not start', async () => {
    const withoutMe = MODULES.map((m) => {
      const { 'auth.me': _me, ...rest } = m.handlers;
      return { ...m, handlers: rest };
    });
    expect(() => assemble(withoutMe)).toThrow('Contract methods without a handler: auth.me');
    const dir = tempDir();
    try {
      await expect(openCore({ dataDir: dir, modules: withoutMe })).rejects.toThrow('auth.me');
      expect(fs.readdirSync(dir)).toEqual([]); // refused before the data folder was touched
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses two modules claiming the same record type or approval hooks', () => {
    const access = MODULES.find((m) => m.recordAccess?.employee)!.recordAccess!.employee!;
    const extra = (def: Partial<ModuleDefinition>): ModuleDefinition => ({ name: 'extra', handlers: {}, ...def });
    expect(() => collectHooks([...MODULES, extra({ recordAccess: { employee: access } })])).toThrow('Record type employee registered twice (module extra)');
    const hooks = { onApproved: async () => {} };
    expect(() => collectHooks([extra({ approvalHooks: { group: hooks } }), extra({ approvalHooks: { group: hooks } })])).toThrow(
      'Approval hooks for group registered twice',
    );
  });
});
