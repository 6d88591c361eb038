import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';

/**
 * What the full export's README says about each table and column. Types and nullability come
 * from SQLite itself (PRAGMA table_info), references from PRAGMA foreign_key_list, booleans from
 * the ORM mapping (col.bool), and the rest from the schema's naming conventions (db/columns.ts),
 * so a table a new module adds is described without anyone remembering to.
 */
export interface ColumnInfo {
  name: string;
  /** As declared in the schema, e.g. varchar(36), INTEGER, TEXT. */
  sqlType: string;
  nullable: boolean;
  primaryKey: boolean;
  description: string;
  /** False for secrets, which stay in the database (the column is listed, not written). */
  exported: boolean;
}

export interface TableInfo {
  name: string;
  description: string;
  columns: ColumnInfo[];
}

/** Secrets have no use outside the app and must not travel in a folder of spreadsheets. */
const SECRET_COLUMNS = new Set(['users.password_hash']);

const TABLE_NOTES: Record<string, string> = {
  settings: '系统设置 Department-wide settings (key/value)',
  org_groups: '小组 Functional groups of the department',
  org_positions: '岗位 Positions and their written duties',
  org_employees: '员工 Employees',
  org_deputy_groups: '副经理分管 Groups each deputy manager is in charge of',
  users: '用户账号 User accounts',
  user_roles: '角色 Roles of each user account (one row per role)',
  login_throttle: '登录限制 Failed sign-ins in a row, per username bucket and per address bucket (hashes, not names)',
  audit_log: '审计日志 Who changed what and when, hash-chained',
  account_seals: '账号封存 Keyed digests of each account\'s security fields (changes made outside the app show in opsdesk doctor)',
  timeline_entries: '动态 Comments and change history shown on records',
  attachments: '附件 Metadata of attached files (the files themselves are in the data folder)',
  approval_requests: '审批 Approval requests',
  approval_steps: '审批步骤 Steps of each approval request',
  reminders: '提醒事项 Reminders',
  notifications: '通知 In-app notifications',
  backup_records: '备份 Backups made or checked by the app',
  schema_migrations: 'Schema changes applied to this database (by the app, in order)',
};

const COLUMN_NOTES: Record<string, string> = {
  'settings.key': 'setting name',
  'settings.value': 'setting value (text or JSON)',
  'org_employees.employee_no': '工号 employee number',
  'org_employees.status': 'active (在职) or left (离职)',
  'org_employees.gender': 'male or female',
  'org_employees.manager_id': '直属上级 direct manager',
  'org_positions.level': 'level, 1 = highest (manager)',
  'org_groups.lead_employee_id': '组长 group lead',
  'org_groups.sort_order': 'display order',
  'users.failed_logins': 'unused since schema version 4 (see login_throttle)',
  'users.locked_until': 'unused since schema version 4 (see login_throttle)',
  'login_throttle.retry_at': 'sign-in attempts before this instant are refused',
  'users.locale': 'language: zh-CN or en-US',
  'user_roles.role': 'admin, manager, deputy, lead, staff or hr',
  'audit_log.seq': 'position in the audit chain, 1, 2, 3...',
  'audit_log.method': 'the operation (contract method) that made the change',
  'audit_log.prev_hash': 'hash of the previous row (tamper evidence)',
  'audit_log.hash': 'HMAC-SHA256 (chain 1, with the install key) or SHA-256 (chain 0, older versions) over this row and prev_hash',
  'audit_log.chain': '1 = keyed with the install key, 0 = plain hash of a version before it',
  'audit_log.record_label': 'the record as people read it when the row was written',
  'account_seals.digest': 'HMAC-SHA256 with the install key of username, password hash, disabled, must-change-password, employee and roles',
  'approval_steps.seq': 'step number within its request',
  'notifications.title_key': 'message key of the title (translated by the app)',
  'attachments.sha256': 'SHA-256 of the file content (its name in the data folder)',
  'attachments.size': 'bytes',
  'backup_records.size': 'bytes',
  'schema_migrations.timestamp': 'migration number',
  password_hash: 'scrypt hash of the password',
  entity: 'record type (employee, group, position, user, ...)',
  record_id: 'id of the record (its table follows from entity)',
  status: 'state of the record',
  kind: 'kind of entry',
  created_at: 'when created',
  updated_at: 'when last changed',
  archived_at: 'when archived (归档); empty = in use',
  created_by: 'user who created it → users.id',
  requested_by: 'user who asked → users.id',
  decided_by: 'user who decided → users.id',
  decided_at: 'when decided',
};

interface PragmaColumn {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}
interface PragmaForeignKey {
  from: string;
  table: string;
  to: string;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Kinds of value named by the schema's conventions (db/columns.ts), for the description. */
function conventionOf(column: PragmaColumn, isBoolean: boolean): string | null {
  const type = column.type.toLowerCase();
  if (isBoolean) return 'boolean 0/1';
  if (type === 'varchar(30)' && /(^at|_at|_until)$/.test(column.name)) return 'instant, ISO-8601 UTC';
  if (type === 'varchar(10)' && /(^date|_date)$/.test(column.name)) return 'date YYYY-MM-DD';
  if (/_fen$/.test(column.name)) return 'money, integer fen';
  if (/_json$/.test(column.name)) return 'JSON';
  return null;
}

function describe(table: string, column: PragmaColumn, fk: PragmaForeignKey | undefined, isBoolean: boolean, secret: boolean): string {
  const parts: string[] = [];
  const note = COLUMN_NOTES[`${table}.${column.name}`] ?? COLUMN_NOTES[column.name];
  if (note) parts.push(note);
  if (column.name === 'id' && column.pk && column.type.toLowerCase() === 'varchar(36)') parts.push('UUIDv7, primary key');
  if (fk) parts.push(`→ ${fk.table}.${fk.to}`);
  const convention = conventionOf(column, isBoolean);
  if (convention) parts.push(convention);
  if (secret) parts.push('NOT EXPORTED (secret)');
  return parts.join('; ');
}

/** Columns the ORM maps as booleans, by table: "table.column". */
function booleanColumns(dataSource: DataSource): Set<string> {
  const out = new Set<string>();
  for (const meta of dataSource.entityMetadatas) {
    for (const c of meta.columns) {
      if (c.type === 'integer' && c.transformer !== undefined) out.add(`${meta.tableName}.${c.databaseName}`);
    }
  }
  return out;
}

/** Every table of the database (SQLite's own sqlite_* tables aside), in name order. */
export function describeTables(raw: BetterSqlite3.Database, dataSource: DataSource): TableInfo[] {
  const booleans = booleanColumns(dataSource);
  const names = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  return names.map((name) => {
    const columns = raw.prepare(`PRAGMA table_info(${quoteIdent(name)})`).all() as PragmaColumn[];
    const fks = raw.prepare(`PRAGMA foreign_key_list(${quoteIdent(name)})`).all() as PragmaForeignKey[];
    return {
      name,
      description: TABLE_NOTES[name] ?? '',
      columns: columns.map((c) => {
        const secret = SECRET_COLUMNS.has(`${name}.${c.name}`);
        return {
          name: c.name,
          sqlType: c.type || '(none)',
          nullable: c.notnull === 0,
          primaryKey: c.pk > 0,
          description: describe(name, c, fks.find((f) => f.from === c.name), booleans.has(`${name}.${c.name}`), secret),
          exported: !secret,
        };
      }),
    };
  });
}

export { quoteIdent };
