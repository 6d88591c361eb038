import { describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/api/index.js';
import { fails, fingerprint, ok } from './support/harness.js';
import { rows } from './support/engine.js';
import { upload } from './support/files.js';
import { attendancePeople, type Account, type People } from './support/attendance-people.js';

/**
 * Discipline records (违纪记录, issue 9 item 6): recorded by those whose attendance.discipline
 * reaches the employee, visible to the employee, who answers with a comment of their own.
 */

const record = (p: People, as: Account, employeeId: string, over: Partial<InputOf<'attendance.discipline.create'>> = {}) =>
  ok(p.core, p.token[as], 'attendance.discipline.create', { employeeId, type: 'late', date: '2026-02-27', description: '迟到 25 分钟，未提前说明', ...over });

describe('discipline records', () => {
  it('are recorded about people in reach, by name of the recorder, audited and on the timeline', async () => {
    const p = await attendancePeople();
    const d = await record(p, 'lead1', p.employeeOf('staff1'));
    expect(d).toMatchObject({ employeeNo: 'YY007', employeeName: '孙浩', type: 'late', date: '2026-02-27', recordedByName: '陈静', employeeComment: null });
    expect((await record(p, 'deputy2', p.employeeOf('staff2'), { type: 'process' })).recordedByName).toBe('张志强');
    expect((await record(p, 'hr', p.byNo('YY017'), { type: 'offTask' })).employeeName).toBe('林峰');
    const audit = await rows<{ action: string; label: string; a: string }>(p.core, 'SELECT action, record_label AS label, after_json AS a FROM audit_log WHERE record_id = ?', [d.id]);
    expect(audit.map((r) => [r.action, r.label])).toEqual([['create', '违纪记录 孙浩 2026-02-27']]);
    // The description stays out of the audit log, which IT reads.
    expect(JSON.parse(audit[0]!.a)).toEqual({ employeeId: p.employeeOf('staff1'), type: 'late', date: '2026-02-27', recordedBy: p.userOf('lead1') });
    expect((await ok(p.core, p.token.staff1, 'timeline.list', { entity: 'discipline', recordId: d.id })).map((t) => t.kind)).toEqual(['created']);
  });

  it('are refused outside the recorder’s reach, about oneself, in the future or outside employment, writing nothing', async () => {
    const p = await attendancePeople();
    const before = await fingerprint(p.core);
    const refused = (as: Account, employeeId: string, over: Partial<InputOf<'attendance.discipline.create'>> = {}) =>
      fails(p.core, p.token[as], 'attendance.discipline.create', { employeeId, type: 'absent', date: '2026-02-27', description: '旷工', ...over });
    const outOfScope = { code: 'FORBIDDEN', message: 'error.outOfScope' };
    expect(await refused('lead1', p.employeeOf('staff2'))).toEqual(outOfScope);
    expect(await refused('deputy2', p.employeeOf('staff1'))).toEqual(outOfScope);
    expect(await refused('lead1', p.employeeOf('lead1'))).toEqual(outOfScope);
    expect(await refused('staff1', p.employeeOf('staff2'))).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });
    expect(await refused('lead1', p.employeeOf('staff1'), { date: '2026-03-03' })).toEqual({ code: 'VALIDATION', message: 'error.validation', fields: { date: 'validation.futureDate' } });
    expect(await refused('lead1', p.employeeOf('staff1'), { date: '2020-08-16' })).toMatchObject({ fields: { date: 'validation.outsideEmployment' } });
    expect(await refused('lead1', p.employeeOf('staff1'), { type: 'sleeping' as 'other' })).toMatchObject({ code: 'VALIDATION', fields: { type: 'validation.required' } });
    expect(await fingerprint(p.core)).toBe(before);
  });

  it('are listed to the employee (own), and to attendance or discipline reach for others', async () => {
    const p = await attendancePeople();
    await record(p, 'lead1', p.employeeOf('staff1'), { date: '2026-02-26' });
    await record(p, 'lead1', p.byNo('YY008'), { type: 'early', date: '2026-02-25' });
    await record(p, 'lead2', p.employeeOf('staff2'), { type: 'process', date: '2026-02-24' });
    await record(p, 'manager', p.employeeOf('lead1'), { type: 'insubordination', date: '2026-02-23' });
    const seen = async (as: Account, input: InputOf<'attendance.discipline.list'> = {}) => {
      const page = await ok(p.core, p.token[as], 'attendance.discipline.list', { sortField: 'date', sortOrder: 'desc', ...input });
      expect(page.total).toBe(page.rows.length);
      return page.rows.map((r) => r.employeeName);
    };
    expect(await seen('staff1')).toEqual(['孙浩']);
    expect(await seen('staff2')).toEqual(['何佳']);
    expect(await seen('lead1')).toEqual(['孙浩', '周敏', '陈静']);
    expect(await seen('deputy1')).toEqual(['孙浩', '周敏', '陈静']);
    expect(await seen('deputy2')).toEqual(['何佳']);
    expect(await seen('hr')).toEqual(['孙浩', '周敏', '何佳', '陈静']);
    expect(await seen('hr', { type: 'process' })).toEqual(['何佳']);
    expect(await seen('hr', { groupId: p.w.opsGroupId, search: '周' })).toEqual(['周敏']);
    expect(await seen('staff1', { employeeId: p.employeeOf('staff2') })).toEqual([]);
    const page = await ok(p.core, p.token.manager, 'attendance.discipline.list', { pageSize: 3, page: 2 });
    expect([page.total, page.rows.map((r) => r.employeeName)]).toEqual([4, ['陈静']]);
  });

  it('take a comment from the employee only, which they may revise', async () => {
    const p = await attendancePeople();
    const d = await record(p, 'lead1', p.employeeOf('staff1'));
    const before = await fingerprint(p.core);
    expect(await fails(p.core, p.token.lead1, 'attendance.discipline.comment', { id: d.id, comment: '已谈话' })).toEqual({ code: 'FORBIDDEN', message: 'error.onlyEmployeeComments' });
    expect(await fails(p.core, p.token.hr, 'attendance.discipline.comment', { id: d.id, comment: '已谈话' })).toEqual({ code: 'FORBIDDEN', message: 'error.onlyEmployeeComments' });
    expect(await fails(p.core, p.token.staff2, 'attendance.discipline.comment', { id: d.id, comment: '不是我' })).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
    expect(await fingerprint(p.core)).toBe(before);

    expect((await ok(p.core, p.token.staff1, 'attendance.discipline.comment', { id: d.id, comment: '地铁故障，有延误证明' })).employeeComment).toBe('地铁故障，有延误证明');
    const revised = await ok(p.core, p.token.staff1, 'attendance.discipline.comment', { id: d.id, comment: '地铁故障，延误证明见附件' });
    expect(revised.employeeComment).toBe('地铁故障，延误证明见附件');
    expect((await ok(p.core, p.token.lead1, 'attendance.discipline.list', {})).rows[0]!.employeeComment).toBe('地铁故障，延误证明见附件');
    const timeline = await ok(p.core, p.token.lead1, 'timeline.list', { entity: 'discipline', recordId: d.id });
    expect(timeline.filter((t) => t.kind === 'fields').map((t) => t.changes)).toEqual([
      [{ field: 'employeeComment', from: '地铁故障，有延误证明', to: '地铁故障，延误证明见附件' }],
      [{ field: 'employeeComment', from: null, to: '地铁故障，有延误证明' }],
    ]);
    const audit = await rows<{ action: string }>(p.core, 'SELECT action FROM audit_log WHERE record_id = ? ORDER BY seq', [d.id]);
    expect(audit.map((r) => r.action)).toEqual(['create', 'comment', 'comment']);
  });

  it('have attachments from those who record cases, read by those who see the record', async () => {
    const p = await attendancePeople();
    const d = await record(p, 'lead1', p.employeeOf('staff1'));
    const ref = { entity: 'discipline' as const, recordId: d.id };
    await ok(p.core, p.token.lead1, 'attachments.upload', { ...ref, file: upload('考勤截图.txt', '截图') });
    expect(await fails(p.core, p.token.staff1, 'attachments.upload', { ...ref, file: upload('说明.txt', '说明') })).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });
    for (const as of ['staff1', 'lead1', 'deputy1', 'hr', 'manager'] as const) expect(await ok(p.core, p.token[as], 'attachments.list', ref)).toHaveLength(1);
    for (const as of ['staff2', 'lead2', 'deputy2'] as const) {
      expect(await fails(p.core, p.token[as], 'attachments.list', ref)).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
    }
  });
});
