import { readSheet, writeSheets, type SheetData, type SheetSpec } from './spreadsheet.js';
import { packBackup, unpackBackup, type PackRequest, type PackResult, type UnpackRequest, type UnpackResult } from '../../modules/backup/pack.js';

/** Work that may leave the main thread: name -> (payload, progress) -> result. */
export const TASKS = {
  readSheet: (p: { bytes: Uint8Array; fileName: string }, progress: (done: number, total: number) => void): Promise<SheetData> =>
    readSheet(p.bytes, p.fileName, progress),
  writeSheets: (p: { sheets: SheetSpec[] }): Promise<Uint8Array> => writeSheets(p.sheets),
  packBackup: async (p: PackRequest, progress: (done: number, total: number) => void): Promise<PackResult> => packBackup(p, progress),
  unpackBackup: async (p: UnpackRequest): Promise<UnpackResult> => unpackBackup(p),
};

export type TaskName = keyof typeof TASKS;
export type TaskPayload<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];
export type TaskResult<T extends TaskName> = Awaited<ReturnType<(typeof TASKS)[T]>>;
