import type { MigrationInterface, QueryRunner } from 'typeorm';
import { c, fk, table } from '../schema.js';

/** Foundation schema: settings, accounts, organisation, and the kernel's shared tables. */
export class Initial1000000000001 implements MigrationInterface {
  name = 'Initial1000000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      table('settings', [{ name: 'key', type: 'varchar', length: '100', isPrimary: true }, c.longText('value'), c.instant('updated_at')]),
    );

    // Groups and employees point at each other (a group's lead is an employee); the group's
    // foreign key is added once both tables exist.
    await q.createTable(
      table(
        'org_groups',
        [c.id(), c.text('name'), c.longText('description'), c.ref('lead_employee_id', true), c.int('sort_order', false, 0), c.instant('archived_at', true), c.instant('created_at'), c.instant('updated_at')],
        { indices: [['name']] },
      ),
    );
    await q.createTable(
      table(
        'org_positions',
        [c.id(), c.text('title'), c.int('level', false, 4), c.longText('duties'), c.instant('archived_at', true), c.instant('created_at'), c.instant('updated_at')],
        { indices: [['title']] },
      ),
    );
    await q.createTable(
      table(
        'org_employees',
        [
          c.id(),
          c.text('employee_no'),
          c.text('name'),
          c.text('gender'),
          c.ref('position_id', true),
          c.ref('group_id', true),
          c.ref('manager_id', true),
          c.date('hire_date'),
          c.text('phone', true),
          c.text('email', true),
          c.text('status'),
          c.date('left_date', true),
          c.instant('archived_at', true),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        {
          unique: [['employee_no']],
          indices: [['group_id', 'status'], ['position_id'], ['manager_id'], ['name'], ['hire_date']],
          foreignKeys: [fk('position_id', 'org_positions'), fk('group_id', 'org_groups'), fk('manager_id', 'org_employees')],
        },
      ),
    );
    await q.createForeignKey('org_groups', fk('lead_employee_id', 'org_employees'));
    await q.createTable(
      table('org_deputy_groups', [{ ...c.ref('employee_id'), isPrimary: true }, { ...c.ref('group_id'), isPrimary: true }], {
        indices: [['group_id']],
        foreignKeys: [fk('employee_id', 'org_employees', 'CASCADE'), fk('group_id', 'org_groups', 'CASCADE')],
      }),
    );

    await q.createTable(
      table(
        'users',
        [
          c.id(),
          c.text('username'),
          c.text('display_name'),
          c.text('password_hash'),
          c.ref('employee_id', true),
          c.int('disabled', false, 0),
          c.int('failed_logins', false, 0),
          c.instant('locked_until', true),
          c.text('locale'),
          c.int('must_change_password', false, 0),
          c.instant('last_login_at', true),
          c.instant('created_at'),
          c.instant('updated_at'),
        ],
        { unique: [['username']], indices: [['employee_id']], foreignKeys: [fk('employee_id', 'org_employees', 'SET NULL')] },
      ),
    );
    await q.createTable(
      table('user_roles', [{ ...c.ref('user_id'), isPrimary: true }, { name: 'role', type: 'varchar', length: '20', isPrimary: true }], {
        foreignKeys: [fk('user_id', 'users', 'CASCADE')],
      }),
    );

    await q.createTable(
      table(
        'audit_log',
        [
          c.id(),
          c.int('seq'),
          c.instant('at'),
          c.ref('user_id', true),
          c.text('username', true),
          c.text('method'),
          c.text('entity'),
          c.ref('record_id', true),
          c.text('action'),
          c.longText('before_json', true),
          c.longText('after_json', true),
          c.text('prev_hash'),
          c.text('hash'),
        ],
        { unique: [['seq']], indices: [['entity', 'record_id'], ['at'], ['user_id']] },
      ),
    );
    await q.createTable(
      table(
        'timeline_entries',
        [c.id(), c.text('entity'), c.ref('record_id'), c.text('kind'), c.ref('author_id', true), c.instant('at'), c.longText('body', true), c.longText('changes_json', true)],
        { indices: [['entity', 'record_id', 'at']] },
      ),
    );
    await q.createTable(
      table(
        'attachments',
        [c.id(), c.text('entity'), c.ref('record_id'), c.text('file_name'), c.text('mime_type'), c.int('size'), c.text('sha256'), c.ref('created_by', true), c.instant('created_at'), c.instant('archived_at', true)],
        { indices: [['entity', 'record_id'], ['sha256']] },
      ),
    );
    await q.createTable(
      table(
        'approval_requests',
        [c.id(), c.text('entity'), c.ref('record_id'), c.text('title'), c.text('status'), c.ref('requested_by'), c.instant('created_at'), c.instant('decided_at', true)],
        { indices: [['entity', 'record_id'], ['status', 'created_at'], ['requested_by']], foreignKeys: [fk('requested_by', 'users')] },
      ),
    );
    await q.createTable(
      table(
        'approval_steps',
        [
          c.id(),
          c.ref('request_id'),
          c.int('seq'),
          c.text('approver_role', true),
          c.ref('approver_user_id', true),
          c.text('status'),
          c.ref('decided_by', true),
          c.instant('decided_at', true),
          c.longText('comment', true),
        ],
        {
          unique: [['request_id', 'seq']],
          indices: [['status', 'approver_role'], ['status', 'approver_user_id'], ['decided_by']],
          foreignKeys: [fk('request_id', 'approval_requests', 'CASCADE'), fk('approver_user_id', 'users'), fk('decided_by', 'users')],
        },
      ),
    );
    await q.createTable(
      table(
        'reminders',
        [c.id(), c.text('title'), c.longText('note', true), c.instant('due_at'), c.instant('done_at', true), c.ref('assignee_id'), c.ref('created_by', true), c.text('entity', true), c.ref('record_id', true), c.instant('created_at')],
        { indices: [['assignee_id', 'done_at', 'due_at'], ['entity', 'record_id']], foreignKeys: [fk('assignee_id', 'users')] },
      ),
    );
    await q.createTable(
      table(
        'notifications',
        [c.id(), c.ref('user_id'), c.text('kind'), c.text('title_key'), c.longText('params_json'), c.text('entity', true), c.ref('record_id', true), c.instant('created_at'), c.instant('read_at', true)],
        { indices: [['user_id', 'read_at', 'created_at']], foreignKeys: [fk('user_id', 'users', 'CASCADE')] },
      ),
    );
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore a backup to go back.');
  }
}
