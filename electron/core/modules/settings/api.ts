import { defineHandlers } from '../../kernel/registry.js';
import type { ModuleDefinition } from '../../kernel/module.js';
import { settingsView, updateSettings } from './service.js';

/** Department settings (backup policy), within what the machine-wide IT file allows. */
export const settingsModule: ModuleDefinition = {
  name: 'settings',
  handlers: defineHandlers({
    'settings.get': settingsView,
    'settings.update': updateSettings,
  }),
};
