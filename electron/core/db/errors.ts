/** Errors opening the database that the UI and CLI explain to the user. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: 'newerVersion' | 'historyMismatch' | 'pragmas' | 'notADatabase' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

/**
 * What a failed statement ran into, on either engine: SQLite's extended result codes
 * (better-sqlite3's SqliteError.code) or PostgreSQL's SQLSTATE (pg's DatabaseError.code), whether
 * the error came through TypeORM (QueryFailedError.driverError) or a prepared statement (db/sql.ts).
 */
export type StatementProblem = 'unique' | 'foreignKey' | 'diskFull' | 'readOnly' | 'busy' | null;

export function statementProblem(err: unknown): StatementProblem {
  const driver = (err as { driverError?: unknown } | null)?.driverError ?? err;
  const code = String((driver as { code?: unknown } | null)?.code ?? '');
  const text = err instanceof Error ? err.message : String(err);
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint/i.test(text)) return 'unique';
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || /FOREIGN KEY constraint/i.test(text)) return 'foreignKey';
  // lock_timeout (55P03) waiting for the writer turn; SQLite's busy_timeout ran out (another process).
  if (code === '55P03' || code === 'SQLITE_BUSY' || /SQLITE_BUSY|database is locked/i.test(text)) return 'busy';
  if (code === '53100' || /SQLITE_FULL|database or disk is full|ENOSPC/i.test(`${code} ${text}`)) return 'diskFull';
  if (code === '25006' || /SQLITE_READONLY|readonly database|EROFS|EACCES/i.test(`${code} ${text}`)) return 'readOnly';
  return null;
}
