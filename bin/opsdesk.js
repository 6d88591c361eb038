#!/usr/bin/env node
// The `opsdesk` command (package.json "bin"). Runs the compiled CLI; `npm install` builds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/electron/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('OpsDesk is not built yet: run `npm run build:node` (or `npm install`) first.');
  process.exit(2);
}
await import(entry.href);
