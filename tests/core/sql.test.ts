import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteSql, toPgText } from '../../electron/core/db/sql.js';

describe('prepared statements for hot paths (db/sql.ts)', () => {
  it('prepares each text once per connection and maps booleans and undefined', async () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER, note TEXT)');
    const sql = sqliteSql(db);
    const prepare = db.prepare.bind(db);
    let prepared = 0;
    db.prepare = ((text: string) => {
      prepared++;
      return prepare(text);
    }) as typeof db.prepare;
    for (let i = 1; i <= 5; i++) await sql.run('INSERT INTO t (id, flag, note) VALUES (?, ?, ?)', [i, i % 2 === 0, undefined]);
    expect(prepared).toBe(1);
    expect(await sql.count('SELECT COUNT(*) AS n FROM t WHERE flag = ?', [true])).toBe(2);
    expect(await sql.get<{ note: string | null }>('SELECT note FROM t WHERE id = ?', [1])).toEqual({ note: null });
    expect(await sql.get('SELECT note FROM t WHERE id = ?', [99])).toBeUndefined();
    expect(await sql.count('SELECT MAX(id) FROM t WHERE id > ?', [10])).toBe(0);
    expect((await sql.run('DELETE FROM t WHERE id > ?', [3])).changes).toBe(2);
  });

  it('turns ? into $n for PostgreSQL, leaving quoted text alone, with a stable name per text', () => {
    const a = toPgText("SELECT * FROM t WHERE a = ? AND b = '?' AND \"c?\" = ? LIMIT ?");
    expect(a.text).toBe("SELECT * FROM t WHERE a = $1 AND b = '?' AND \"c?\" = $2 LIMIT $3");
    expect(toPgText("SELECT * FROM t WHERE a = ? AND b = '?' AND \"c?\" = ? LIMIT ?").name).toBe(a.name);
    expect(toPgText('SELECT 1').name).not.toBe(a.name);
  });
});
