import Database from 'better-sqlite3';
import { foreignKeyProblem, readSchemaShape, schemaDifference, type ExpectedSchemas } from './schema-shape.js';

/**
 * Facts about a database file that is not (yet) the live one: a backup's snapshot, or the
 * database inside a backup being verified or restored. Opened read-only; SQLite-specific, so it
 * lives here in db/ rather than in the backup module.
 */
export interface DatabaseFacts {
  counts: Record<string, number>;
  schemaVersion: number;
  auditHeadHash: string;
  /** The audit log's head: row count (its newest seq) and hash, compared on restore (kernel/audit.ts). */
  auditHead: { count: number; hash: string };
}

/** Why a database file is not usable, with a detail for logs; `reason` picks the user's message. */
export class DatabaseCheckError extends Error {
  constructor(
    readonly reason: 'integrity' | 'schema',
    detail: string,
  ) {
    super(detail);
    this.name = 'DatabaseCheckError';
  }
}

/**
 * integrity_check, the schema against what this build's migrations make for the file's own schema
 * version (`expected`, from expected-schema.ts; a newer version cannot be judged here: its restore
 * is refused anyway), foreign_key_check, then row counts and the audit head. Needs no ORM: it runs
 * on the backup worker thread.
 */
export function inspectDatabase(file: string, expected: ExpectedSchemas): DatabaseFacts {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new DatabaseCheckError('integrity', 'cannot open the database');
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new DatabaseCheckError('integrity', String(check));
    const schemaVersion = schemaVersionOf(db);
    if (schemaVersion < 1 || expected[schemaVersion]) assertSchema(db, schemaVersion, expected);
    const fkProblem = foreignKeyProblem(db);
    if (fkProblem) throw new DatabaseCheckError('integrity', fkProblem);
    const head = auditHead(db);
    return { counts: rowCounts(db), schemaVersion, auditHeadHash: head?.hash ?? '', auditHead: { count: head?.seq ?? 0, hash: head?.hash ?? '0'.repeat(64) } };
  } catch (err) {
    if (err instanceof DatabaseCheckError) throw err;
    throw new DatabaseCheckError('integrity', err instanceof Error ? err.message : String(err));
  } finally {
    db.close();
  }
}

/** The schema of an open database must be exactly what this build makes for `version`. */
export function assertSchema(db: Database.Database, version: number, expected: ExpectedSchemas): void {
  const shape = expected[version];
  if (!shape) throw new DatabaseCheckError('schema', version < 1 ? 'no schema_migrations rows' : `no schema version ${version} in this build`);
  const difference = schemaDifference(shape, readSchemaShape(db));
  if (difference) throw new DatabaseCheckError('schema', difference);
}

function schemaVersionOf(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  return table ? (db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n : 0;
}

function rowCounts(db: Database.Database): Record<string, number> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = (db.prepare(`SELECT COUNT(*) AS n FROM "${t.replace(/"/g, '""')}"`).get() as { n: number }).n;
  return counts;
}

function auditHead(db: Database.Database): { seq: number; hash: string } | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
  return table ? (db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) : undefined;
}
