import type { EntitySchemaColumnOptions } from 'typeorm';

/**
 * Column shorthands for entity schemas. Every column names its type explicitly, so entities
 * need no decorator metadata, and its snake_case name, so the schema reads the same from SQL.
 *
 * Conventions (ARCHITECTURE "Data"): ids are UUIDv7 text; instants are ISO-8601 UTC text;
 * calendar dates are YYYY-MM-DD text; money is integer fen; booleans are integers 0/1.
 */
export const col = {
  id: (): EntitySchemaColumnOptions => ({ type: 'varchar', length: 36, primary: true }),
  ref: (name: string, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length: 36, name, nullable }),
  text: (name: string, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', name, nullable }),
  longText: (name: string, nullable = false): EntitySchemaColumnOptions => ({ type: 'text', name, nullable }),
  int: (name: string, nullable = false): EntitySchemaColumnOptions => ({ type: 'integer', name, nullable }),
  bool: (name: string): EntitySchemaColumnOptions => ({
    type: 'integer',
    name,
    transformer: { to: (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0), from: (v: number) => v === 1 },
  }),
  instant: (name: string, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length: 30, name, nullable }),
  /**
   * The record's edit count, for "edited by someone else meanwhile" (CONFLICT): TypeORM's version
   * column, raised by every save() and update() it makes; repository functions writing their own
   * SQL raise it themselves (e.g. org/employee-store.ts).
   */
  version: (): EntitySchemaColumnOptions => ({ type: 'integer', name: 'version', version: true }),
  date: (name: string, nullable = false): EntitySchemaColumnOptions => ({ type: 'varchar', length: 10, name, nullable }),
};
