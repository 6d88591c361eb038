import { readSheet, readTable, writeSheets, type SheetSpec } from './spreadsheet.js';
import type { SheetData } from './sheet-data.js';
import { readPunchRows, type PunchFileOptions, type PunchFileRead } from '../../modules/attendance/punch-file.js';
import { packBackup, readHeaders, unpackBackup, type PackRequest, type PackResult, type UnpackRequest, type UnpackResult } from '../../modules/backup/pack.js';
import type { BackupHeader } from '../../modules/backup/container.js';

/** Work that may leave the main thread: name -> (payload, progress) -> result. */
export const TASKS = {
  readSheet: (p: { bytes: Uint8Array; fileName: string }, progress: (done: number, total: number) => void): Promise<SheetData> =>
    readSheet(p.bytes, p.fileName, progress),
  /** A punch machine's file read, recognised and parsed to instants (modules/attendance/punch-file.ts). */
  readPunchFile: async (p: { bytes: Uint8Array; fileName: string } & PunchFileOptions, progress: (done: number, total: number) => void): Promise<PunchFileRead> =>
    readPunchRows(await readTable(p.bytes, p.fileName, { dateTimes: true }, progress), p),
  writeSheets: (p: { sheets: SheetSpec[] }): Promise<Uint8Array> => writeSheets(p.sheets),
  packBackup: (p: PackRequest, progress: (done: number, total: number) => void): Promise<PackResult> => packBackup(p, progress),
  unpackBackup: (p: UnpackRequest): Promise<UnpackResult> => unpackBackup(p),
  /** Backup files' headers for the Data page's list: files on a slow share or USB disk are read here. */
  readBackupHeaders: async (p: { files: string[] }): Promise<(BackupHeader | null)[]> => readHeaders(p.files),
};

export type TaskName = keyof typeof TASKS;
export type TaskPayload<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];
export type TaskResult<T extends TaskName> = Awaited<ReturnType<(typeof TASKS)[T]>>;
