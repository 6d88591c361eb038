import { defineHandlers } from '../../kernel/registry.js';
import type { ModuleDefinition } from '../../kernel/module.js';
import { inspect, verify } from './checks.js';
import { pickBackupFile } from './file-access.js';
import { createBackup, overview } from './service.js';
import { restore } from './restore.js';

/**
 * 备份与恢复: backups on demand and on schedule, verification, restore. Calls from a transport
 * read only files the user may name (file-access.ts); the CLI passes 'machine' access itself.
 */
export const backupModule: ModuleDefinition = {
  name: 'backup',
  handlers: defineHandlers({
    'backup.overview': (ctx) => overview(ctx, ctx.services.autoBackupProblem()),
    'backup.create': (ctx, input) => createBackup(ctx, { kind: 'manual', password: input.password ?? null }),
    'backup.pickFile': pickBackupFile,
    'backup.inspect': (ctx, input) => inspect(ctx, input, 'user'),
    'backup.verify': (ctx, input) => verify(ctx, input, 'user'),
    'backup.restore': (ctx, input) => restore(ctx, input, 'user'),
  }),
};
