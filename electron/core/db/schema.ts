import { Table, TableForeignKey, type TableColumnOptions, type TableIndexOptions } from 'typeorm';

/**
 * Shorthands for migrations. Migrations use TypeORM's schema builder rather than SQL text so the
 * schema stays portable to PostgreSQL; each migration is still reviewed by hand and never edited
 * once released.
 */
export const c = {
  id: (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true }),
  ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
  text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', isNullable: nullable }),
  longText: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  int: (name: string, nullable = false, dflt?: number): TableColumnOptions => ({
    name,
    type: 'integer',
    isNullable: nullable,
    ...(dflt === undefined ? {} : { default: dflt }),
  }),
  instant: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '30', isNullable: nullable }),
  date: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '10', isNullable: nullable }),
};

export function fk(column: string, table: string, onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT'): TableForeignKey {
  return new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });
}

export function index(table: string, columns: string[], unique = false): TableIndexOptions {
  return { name: `ix_${table}_${columns.join('_')}`, columnNames: columns, isUnique: unique };
}

export function table(
  name: string,
  columns: TableColumnOptions[],
  extra: { indices?: string[][]; unique?: string[][]; foreignKeys?: TableForeignKey[] } = {},
): Table {
  return new Table({
    name,
    columns,
    indices: [
      ...(extra.indices ?? []).map((cols) => index(name, cols)),
      ...(extra.unique ?? []).map((cols) => index(name, cols, true)),
    ],
    foreignKeys: extra.foreignKeys ?? [],
  });
}
