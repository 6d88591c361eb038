import { describe, expect, it } from 'vitest';
import { zhCN } from '../../renderer/src/i18n/zh-CN/index.js';
import { enUS } from '../../renderer/src/i18n/en-US/index.js';
import { isShownField } from '../../renderer/src/components/recordFields.js';
import { AUDIT_ACTION_NAMES, AUDIT_ENTITY_NAMES, OPERATION_NAMES } from '../../shared/domain/operations.js';
import { fails, login, ok } from './support/harness.js';
import { onPostgres, rows } from './support/engine.js';
import { demoWorld, importFile, newApproval, newAttachment, newEmployee, signedInUser, updateInput } from './support/world.js';

/**
 * The audit log page shows no code: every operation, action, record kind and recorded field the
 * core writes has words in both languages. A busy department writes one of each kind of row,
 * then every row is checked against the words.
 */
async function busyDepartment() {
  const w = await demoWorld();
  const e = await newEmployee(w);
  await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(e), phone: '13800000001', status: 'left', leftDate: '2026-03-01' });
  await ok(w.core, w.admin, 'org.employees.archive', { id: e.id });
  await ok(w.core, w.admin, 'org.employees.restore', { id: e.id });
  await ok(w.core, w.admin, 'org.employees.importCommit', importFile(w));
  const g = await ok(w.core, w.admin, 'org.groups.create', { name: '培训组', leadEmployeeId: null });
  await ok(w.core, w.admin, 'org.groups.update', { id: g.id, name: '培训小组', description: '新人培训', leadEmployeeId: w.employeeId });
  await ok(w.core, w.admin, 'org.groups.archive', { id: g.id });
  const p = await ok(w.core, w.admin, 'org.positions.create', { title: '讲师' });
  await ok(w.core, w.admin, 'org.positions.update', { id: p.id, title: '高级讲师', level: 3, duties: '授课' });
  await ok(w.core, w.admin, 'org.department.update', { name: '运营管理部' });
  const deputy = (await ok(w.core, w.admin, 'org.deputies.list', {}))[0]!;
  await ok(w.core, w.admin, 'org.deputies.assign', { employeeId: deputy.employeeId, groupIds: [w.opsGroupId] });
  const u = await signedInUser(w, ['staff']);
  await ok(w.core, w.admin, 'users.update', { id: u.id, displayName: '改名', roles: ['lead'], employeeId: null });
  await ok(w.core, w.admin, 'users.setDisabled', { id: u.id, disabled: true });
  await ok(w.core, w.admin, 'users.resetPassword', { id: u.id, newPassword: 'Reset-pass-3' });
  for (let i = 0; i < 6; i++) await fails(w.core, null, 'auth.login', { username: 'hr', password: 'Wrong-pass-9' });
  await ok(w.core, await login(w.core, 'lead1'), 'auth.setLocale', { locale: 'en-US' });
  const attachment = await newAttachment(w);
  await ok(w.core, w.admin, 'attachments.archive', { id: attachment.id });
  const approval = await newApproval(w, 'lead1');
  await ok(w.core, w.admin, 'approvals.decide', { requestId: approval.id, decision: 'reject', comment: '材料不全' });
  const r = await ok(w.core, w.admin, 'reminders.create', { title: '续签合同', dueAt: '2026-03-05T00:00:00.000Z', entity: 'employee', recordId: w.employeeId });
  await ok(w.core, w.admin, 'reminders.complete', { id: r.id });
  await ok(w.core, w.admin, 'timeline.comment', { entity: 'employee', recordId: w.employeeId, body: '已面谈' });
  await ok(w.core, w.admin, 'settings.update', { backup: { intervalHours: 12, keepDaily: 5 } });
  // Backups copy the SQLite file: a server database refuses them (tests/core/postgres.test.ts), so
  // their rows are written, and their words checked, on SQLite only.
  if (!onPostgres) {
    const backup = await ok(w.core, w.admin, 'backup.create', {});
    await ok(w.core, w.admin, 'backup.verify', { file: backup.fileName });
    await ok(w.core, w.admin, 'backup.restore', { file: backup.fileName, confirm: true });
  }
  return w;
}

describe('audit log words', () => {
  it('cover every operation, action, record kind and field of the rows a busy department writes, and of its timelines', async () => {
    const w = await busyDepartment();
    const auditRows = await rows<{
      method: string;
      entity: string;
      action: string;
      b: string | null;
      a: string | null;
    }>(w.core, 'SELECT method, entity, action, before_json AS b, after_json AS a FROM audit_log');
    const missing = new Set<string>();
    for (const row of auditRows) {
      // test.* are this suite's own core.runInternal labels.
      if (!Object.hasOwn(OPERATION_NAMES, row.method) && !row.method.startsWith('test.')) missing.add(`operation ${row.method}`);
      if (!Object.hasOwn(AUDIT_ACTION_NAMES, row.action)) missing.add(`action ${row.action}`);
      if (!Object.hasOwn(AUDIT_ENTITY_NAMES, row.entity)) missing.add(`record kind ${row.entity}`);
      for (const json of [row.b, row.a]) {
        const value = json ? (JSON.parse(json) as unknown) : null;
        if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
        for (const field of Object.keys(value).filter(isShownField)) {
          if (!(`field.${row.entity}.${field}` in zhCN) && !(`field.${field}` in zhCN)) missing.add(`field ${row.entity}.${field}`);
        }
      }
    }
    expect(auditRows.length).toBeGreaterThan(60);
    expect([...missing]).toEqual([]);

    // The record timelines list changed fields by the same names.
    const fields = (await rows<{ entity: string; c: string }>(w.core, "SELECT entity, changes_json AS c FROM timeline_entries WHERE kind = 'fields'")).flatMap((r) =>
      (JSON.parse(r.c) as { field: string }[]).map((c) => [r.entity, c.field] as const),
    );
    expect(fields.length).toBeGreaterThan(3);
    expect(fields.filter(([entity, field]) => !(`field.${entity}.${field}` in zhCN) && !(`field.${field}` in zhCN))).toEqual([]);
    for (const key of Object.keys(zhCN).filter((k) => k.startsWith('field.'))) expect(enUS[key as keyof typeof enUS], key).toBeTruthy();
  });
});
