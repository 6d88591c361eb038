import type { Core } from '../../../electron/core/index.js';

/**
 * Columns later migrations add that today's code writes. Seeding a database of an older schema
 * with today's code (setup with the demo data) needs them for the while: add them, seed, drop
 * them again, so the file is the older schema with the rows an older version would have written.
 * The later migration then has to fill them for existing rows, which is what upgrades test.
 */
const LATER_COLUMNS: [table: string, column: string, definition: string][] = [['org_employees', 'name_pinyin', "varchar NOT NULL DEFAULT ''"]];

export async function seedOlderSchema(core: Core, seed: () => Promise<unknown>): Promise<void> {
  const raw = core.db.raw;
  const columns = (table: string) => (raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
  const missing = LATER_COLUMNS.filter(([table, column]) => {
    const existing = columns(table);
    return existing.length > 0 && !existing.includes(column);
  });
  for (const [table, column, definition] of missing) raw.exec(`ALTER TABLE "${table}" ADD COLUMN "${column}" ${definition}`);
  await seed();
  for (const [table, column] of missing) raw.exec(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
}
