import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export interface BackupRecord {
  id: string;
  fileName: string;
  folder: string;
  kind: string;
  createdAt: string;
  size: number;
  fileSha256: string | null;
  encrypted: boolean;
  verifiedAt: string | null;
  verifyOk: number | null;
  verifyProblem: string | null;
  manifestJson: string | null;
}

export const BackupRecordEntity = new EntitySchema<BackupRecord>({
  name: 'BackupRecord',
  tableName: 'backup_records',
  columns: {
    id: col.id(),
    fileName: col.text('file_name'),
    folder: col.text('folder'),
    kind: col.text('kind'),
    createdAt: col.instant('created_at'),
    size: col.int('size'),
    fileSha256: col.text('file_sha256', true),
    encrypted: col.bool('encrypted'),
    verifiedAt: col.instant('verified_at', true),
    verifyOk: col.int('verify_ok', true),
    verifyProblem: col.text('verify_problem', true),
    manifestJson: col.longText('manifest_json', true),
  },
});

export const backupEntities = [BackupRecordEntity];
