/** Errors opening the database that the UI and CLI explain to the user. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: 'newerVersion' | 'historyMismatch' | 'pragmas' | 'notADatabase',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}
