import { openDatabase, type OpenDatabaseOptions, type OpenedDatabase } from './data-source.js';

/**
 * The core's open database, replaceable as a whole: a restore closes it, swaps the files and opens
 * the restored one, while the core object every transport holds stays the same.
 */
export interface DatabaseSlot {
  current(): OpenedDatabase;
  /**
   * Closes the database, runs `swap` on the files, and opens the result. If swapping or opening
   * fails, `rollback` puts the old files back and the old database is opened again; the error is
   * then rethrown.
   */
  reopenAfter(swap: () => Promise<void> | void, rollback: () => Promise<void> | void): Promise<void>;
}

export async function openSlot(options: OpenDatabaseOptions): Promise<DatabaseSlot> {
  let db = await openDatabase(options);
  return {
    current: () => db,
    async reopenAfter(swap, rollback) {
      await db.close();
      try {
        await swap();
        db = await openDatabase(options);
      } catch (err) {
        await rollback();
        db = await openDatabase(options);
        throw err;
      }
    },
  };
}
