import { buildRegistry, type Registry } from './kernel/registry.js';
import { collectHooks, type ModuleDefinition, type ModuleHooks } from './kernel/module.js';
import { kernelModule } from './kernel/api.js';
import { setupModule } from './modules/setup/api.js';
import { authModule } from './modules/auth/api.js';
import { orgModule } from './modules/org/api.js';
import { backupModule } from './modules/backup/api.js';
import { settingsModule } from './modules/settings/api.js';
import { attendanceModule } from './modules/attendance/api.js';
import { assertListExports } from './kernel/list-export.js';

/** Every module of the core, assembled once. A new module adds its definition here. */
export const MODULES: ModuleDefinition[] = [kernelModule, setupModule, authModule, orgModule, backupModule, settingsModule, attendanceModule];

export function assemble(modules: ModuleDefinition[] = MODULES): { registry: Registry; hooks: ModuleHooks } {
  const hooks = collectHooks(modules);
  assertListExports(hooks);
  return { registry: buildRegistry(modules.map((m) => m.handlers)), hooks };
}
