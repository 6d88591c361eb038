import { DataSource, type MigrationInterface } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { rawHandle } from './data-source.js';
import { readSchemaShape, type ExpectedSchemas, type SchemaShape } from './schema-shape.js';

/**
 * What this build's migrations make, per schema version: computed once per process on an empty
 * in-memory database (no file, nothing of the user's involved), on the thread that has TypeORM
 * loaded anyway, and handed to the backup worker with each job (schema-shape.ts).
 */
const shapes = new Map<number, Promise<SchemaShape>>();

/**
 * The schema this build's first `version` migrations create, computed once per version and
 * process on an in-memory database (no file, nothing of the user's involved).
 */
export function expectedSchemaShape(version: number): Promise<SchemaShape> {
  if (version < 1 || version > MIGRATIONS.length) throw new Error(`no schema version ${version} in this build`);
  let shape = shapes.get(version);
  if (!shape) {
    shape = migrateEmpty(MIGRATIONS.slice(0, version));
    shapes.set(version, shape);
  }
  return shape;
}

async function migrateEmpty(migrations: (new () => MigrationInterface)[]): Promise<SchemaShape> {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', migrations, migrationsTableName: 'schema_migrations', logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    return readSchemaShape(rawHandle(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

let all: Promise<ExpectedSchemas> | null = null;

/** Every version's expected shape, 1..SCHEMA_VERSION. */
export function expectedSchemas(): Promise<ExpectedSchemas> {
  all ??= (async () => {
    const out: ExpectedSchemas = {};
    for (let version = 1; version <= MIGRATIONS.length; version++) out[version] = await expectedSchemaShape(version);
    return out;
  })();
  return all;
}
