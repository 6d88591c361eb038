import { beforeAll, describe, expect, it } from 'vitest';
import { enUS } from '../../renderer/src/i18n/en-US';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { installCatalog, translate, type Translate } from '../../renderer/src/i18n';
import { changedFields, formatFieldValue, type ValueContext } from '../../renderer/src/components/recordFields';
import type { Locale } from '../../shared/domain/locale';

/** Recorded values in words (the audit log's changes table, record timelines): no codes, no raw ids. */
beforeAll(() => {
  installCatalog('zh-CN', zhCN);
  installCatalog('en-US', enUS);
});

const GROUP_A = '01900000-0000-7000-8000-00000000000a';
const GROUP_B = '01900000-0000-7000-8000-00000000000b';
const GONE = '01900000-0000-7000-8000-0000000000ff';

function context(locale: Locale, entity = 'employee'): ValueContext {
  const t: Translate = (key, params) => translate(locale, key, params);
  return { t, locale, entity, labels: { [GROUP_A]: '项目运营组', [GROUP_B]: '客户服务组' } };
}

describe('recorded fields in words', () => {
  it('list the changed fields of an update with their names and old and new values', () => {
    const before = { id: 'x', name: '王小明', gender: 'male', groupId: GROUP_A, phone: null, status: 'active', updatedAt: '2026-01-01T00:00:00.000Z' };
    const after = { ...before, groupId: GROUP_B, phone: '13800000000', status: 'left', updatedAt: '2026-03-01T00:00:00.000Z' };
    expect(changedFields(context('zh-CN'), before, after)).toEqual([
      { field: 'groupId', label: '小组', before: '项目运营组', after: '客户服务组' },
      { field: 'phone', label: '电话', before: '—', after: '13800000000' },
      { field: 'status', label: '状态', before: '在职', after: '离职' },
    ]);
    expect(changedFields(context('en-US'), before, after).map((r) => [r.label, r.before, r.after])).toEqual([
      ['Group', '项目运营组', '客户服务组'],
      ['Phone', '—', '13800000000'],
      ['Status', 'Active', 'Left'],
    ]);
  });

  it('show every field set when a record is created, bookkeeping left out', () => {
    const rows = changedFields(context('zh-CN'), null, { id: 'x', employeeNo: 'YY021', name: '王小明', gender: 'female', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['工号', '—', 'YY021'],
      ['姓名', '—', '王小明'],
      ['性别', '—', '女'],
    ]);
  });

  it('translate roles, yes/no and languages, join lists per language, and never show an id', () => {
    const zh = context('zh-CN', 'user');
    const en = context('en-US', 'user');
    expect(formatFieldValue(zh, 'roles', ['admin', 'staff'])).toBe('系统管理员、员工');
    expect(formatFieldValue(en, 'roles', ['admin', 'staff'])).toBe('Administrator, Staff');
    expect(formatFieldValue(zh, 'disabled', true)).toBe('是');
    expect(formatFieldValue(en, 'locale', 'zh-CN')).toBe('简体中文');
    expect(formatFieldValue(zh, 'groupIds', [GROUP_A, GONE])).toBe('项目运营组、（记录已不存在）');
    expect(formatFieldValue(en, 'foundHead', { count: 12, hash: 'ab' })).toBe('entry 12');
    expect(formatFieldValue(zh, 'size', 2048)).toBe('2.0 KB');
    expect(formatFieldValue(zh, 'entity', 'employee')).toBe('员工');
    expect(changedFields(zh, null, { newFieldOfANewerVersion: 1 })[0]!.label).toBe('其他内容');
  });

  it('give attendance records’ codes the words their pages use, by record: leave, corrections, punches, discipline, calendar, schedules', () => {
    const leave = changedFields(context('zh-CN', 'leave'), null, { employeeId: GROUP_A, type: 'sick', startDate: '2026-11-05', startHalf: 'am', endDate: '2026-11-06', endHalf: 'pm', days: 1.5, status: 'pending' });
    expect(leave.map((r) => [r.label, r.after])).toEqual([
      ['员工', '项目运营组'],
      ['请假类型', '病假'],
      ['开始日期', '2026-11-05'],
      ['开始于', '上午'],
      ['结束日期', '2026-11-06'],
      ['结束于', '下午'],
      ['天数', '1.5'],
      ['状态', '审批中'],
    ]);
    // A cancellation says a reason was given, never the reason (IT reads the log).
    expect(changedFields(context('en-US', 'leave'), { status: 'approved' }, { status: 'cancelling', cancelReasonGiven: true }).map((r) => [r.label, r.before, r.after])).toEqual([
      ['Status', 'Approved', 'Cancellation pending'],
      ['Reason for cancelling given', '—', 'Yes'],
    ]);
    expect(formatFieldValue(context('zh-CN', 'punchCorrection'), 'status', 'pending')).toBe('审批中');
    expect(formatFieldValue(context('zh-CN', 'punchCorrection'), 'direction', 'out')).toBe('下班');
    expect(formatFieldValue(context('zh-CN', 'punch'), 'source', 'app')).toBe('应用打卡');
    expect(formatFieldValue(context('en-US', 'punch'), 'direction', 'in')).toBe('In');
    expect(formatFieldValue(context('zh-CN', 'discipline'), 'type', 'late')).toBe('迟到');
    expect(changedFields(context('zh-CN', 'discipline'), { commented: false }, { commented: true })).toEqual([{ field: 'commented', label: '本人已填写说明', before: '否', after: '是' }]);
    expect(formatFieldValue(context('zh-CN', 'calendarDay'), 'kind', 'holiday')).toBe('放假');
    expect(formatFieldValue(context('zh-CN', 'calendarDay'), 'source', 'custom')).toBe('手动修改');
    expect(formatFieldValue(context('zh-CN', 'schedule'), 'target', 'group')).toBe('小组');
    expect(formatFieldValue(context('zh-CN', 'schedule'), 'rules', { workDays: [1, 2, 3], workStart: '09:00', lateGraceMinutes: 10 })).toBe('工作日：周一、周二、周三；上班时间：09:00；迟到宽限（分钟）：10');
    expect(changedFields(context('zh-CN', 'entitlement'), null, { employeeId: GROUP_B, year: 2026, days: 7 }).map((r) => [r.label, r.after])).toEqual([
      ['员工', '客户服务组'],
      ['年份', '2026'],
      ['年假天数', '7'],
    ]);
    // The same field name elsewhere keeps its own words: an export's kind, an employee's status.
    expect(formatFieldValue(context('zh-CN', 'backup'), 'kind', 'holiday')).toBe('holiday');
    expect(formatFieldValue(context('zh-CN', 'leave'), 'constructor', 'x')).toBe('x');
  });
});
