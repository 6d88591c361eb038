import type { MigrationInterface } from 'typeorm';
import { Initial1000000000001 } from './0001-initial.js';
import { BackupRecords1000000000002 } from './0002-backup-records.js';
import { InboxOrder1000000000003 } from './0003-inbox-order.js';
import { RemindersByCreator1000000000004 } from './0004-reminders-by-creator.js';
import { LoginThrottle1000000000005 } from './0005-login-throttle.js';
import { NamePinyin1000000000006 } from './0006-name-pinyin.js';
import { AuditKeyed1000000000007 } from './0007-audit-keyed.js';
import { LookupIndexes1000000000008 } from './0008-lookup-indexes.js';
import { RecordVersions1000000000009 } from './0009-record-versions.js';
import { ActiveMemberCounts1000000000010 } from './0010-active-member-counts.js';
import { Attendance1000000000011 } from './0011-attendance.js';

/**
 * Every migration in order. Append only: a released migration is never edited or removed, and
 * its class name ends in its number padded into TypeORM's 13-digit timestamp slot.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1000000000001,
  BackupRecords1000000000002,
  InboxOrder1000000000003,
  RemindersByCreator1000000000004,
  LoginThrottle1000000000005,
  NamePinyin1000000000006,
  AuditKeyed1000000000007,
  LookupIndexes1000000000008,
  RecordVersions1000000000009,
  ActiveMemberCounts1000000000010,
  Attendance1000000000011,
];

/** The schema version this build writes: the number of migrations it knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;
