import { defineHandlers } from '../../kernel/registry.js';
import type { ModuleDefinition } from '../../kernel/module.js';
import { initialize, setupStatus } from './service.js';

export const setupModule: ModuleDefinition = {
  name: 'setup',
  handlers: defineHandlers({
    'setup.status': setupStatus,
    'setup.initialize': initialize,
  }),
};
