import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { namePinyinKey } from '../../modules/org/name-pinyin.js';

/**
 * A pinyin key beside each employee's name (modules/org/name-pinyin.ts): the list sorts names by
 * it, as Chinese readers expect (by character code 王 came after 赵), and a search for "wxm" or
 * "wang" finds 王小明. The index in the list's order (key, then id) serves a page of names in
 * order without sorting the whole table. Existing rows get their key here; every later write of
 * a name writes its key (org/employees.ts).
 */
export class NamePinyin1000000000006 implements MigrationInterface {
  name = 'NamePinyin1000000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('org_employees', new TableColumn({ name: 'name_pinyin', type: 'varchar', isNullable: false, default: "''" }));
    const rows = (await q.query('SELECT id, name FROM org_employees')) as { id: string; name: string }[];
    const [key, id] = [q.connection.driver.createParameter('key', 0), q.connection.driver.createParameter('id', 1)];
    for (const row of rows) await q.query(`UPDATE org_employees SET name_pinyin = ${key} WHERE id = ${id}`, [namePinyinKey(row.name), row.id]);
    await q.createIndex('org_employees', new TableIndex({ name: 'ix_org_employees_name_pinyin_id', columnNames: ['name_pinyin', 'id'] }));
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
