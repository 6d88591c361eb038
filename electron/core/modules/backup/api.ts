import { defineHandlers } from '../../kernel/registry.js';
import type { ModuleDefinition } from '../../kernel/module.js';
import { createBackup, inspect, overview, verify } from './service.js';
import { restore } from './restore.js';

/** 备份与恢复: backups on demand and on schedule, verification, restore. */
export const backupModule: ModuleDefinition = {
  name: 'backup',
  handlers: defineHandlers({
    'backup.overview': (ctx) => overview(ctx, ctx.services.autoBackupProblem()),
    'backup.create': (ctx, input) => createBackup(ctx, { kind: 'manual', password: input.password ?? null }),
    'backup.inspect': inspect,
    'backup.verify': verify,
    'backup.restore': restore,
  }),
};
