import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OrgChartNode } from '../../shared/api/index.js';
import { count, fails, fingerprint, login, ok } from './support/harness.js';
import { demoWorld, employeeFields, newEmployee, newGroup, newPosition, updateInput, type World } from './support/world.js';

const byNo = async (w: World, employeeNo: string) => {
  const row = (await ok(w.core, w.admin, 'org.employees.list', { search: employeeNo, includeArchived: true })).rows.find((r) => r.employeeNo === employeeNo)!;
  return ok(w.core, w.admin, 'org.employees.get', { id: row.id });
};

describe('groups and positions', () => {
  it('keeps group names unique, refuses archiving a group with members, hides archived groups', async () => {
    const w = await demoWorld();
    const taken = { code: 'CONFLICT', message: 'error.nameTaken', fields: { name: 'validation.nameTaken' } };
    expect(await fails(w.core, w.admin, 'org.groups.create', { name: '项目运营组' })).toEqual(taken);
    const g = await ok(w.core, w.admin, 'org.groups.create', { name: 'Training', description: '培训', leadEmployeeId: null });
    expect(g).toMatchObject({ name: 'Training', description: '培训', memberCount: 0, deputies: [], leadName: null, archived: false, sortOrder: 4 });
    expect(await fails(w.core, w.admin, 'org.groups.create', { name: 'TRAINING' })).toEqual(taken);
    expect(await fails(w.core, w.admin, 'org.groups.update', { id: g.id, name: '客户服务组' })).toEqual(taken);

    const before = await fingerprint(w.core);
    expect(await fails(w.core, w.admin, 'org.groups.archive', { id: w.opsGroupId })).toEqual({ code: 'INVALID_STATE', message: 'error.groupHasMembers' });
    expect(await fingerprint(w.core)).toBe(before);

    const archived = await ok(w.core, w.admin, 'org.groups.archive', { id: g.id });
    expect(archived.archived).toBe(true);
    expect((await ok(w.core, w.admin, 'org.groups.list', {})).map((x) => x.name)).toEqual(['项目运营组', '数据分析组', '客户服务组']);
    expect((await ok(w.core, w.admin, 'org.groups.list', { includeArchived: true })).map((x) => x.name)).toContain('Training');
    expect(await fails(w.core, w.admin, 'org.groups.update', { id: g.id, name: 'Training 2' })).toEqual({ code: 'INVALID_STATE', message: 'error.archived' });
    expect(await fails(w.core, w.admin, 'org.groups.archive', { id: g.id })).toEqual({ code: 'INVALID_STATE', message: 'error.alreadyArchived' });
    expect((await fails(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), groupId: g.id })).fields).toEqual({ groupId: 'validation.unknownGroup' });
    // The name is free again while archived; restoring then clashes.
    const again = await ok(w.core, w.admin, 'org.groups.create', { name: 'training', leadEmployeeId: null });
    expect(await fails(w.core, w.admin, 'org.groups.restore', { id: g.id })).toEqual(taken);
    await ok(w.core, w.admin, 'org.groups.archive', { id: again.id });
    expect((await ok(w.core, w.admin, 'org.groups.restore', { id: g.id })).archived).toBe(false);
  });

  it('counts active members and names the lead', async () => {
    const w = await demoWorld();
    const ops = (await ok(w.core, w.admin, 'org.groups.list', {})).find((g) => g.id === w.opsGroupId)!;
    expect(ops).toMatchObject({ leadName: '陈静', memberCount: 7, deputies: [{ name: '李晓梅' }] });
    const leaving = await byNo(w, 'YY011');
    await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(leaving), status: 'left', leftDate: '2026-02-28' });
    await ok(w.core, w.admin, 'org.employees.archive', { id: (await byNo(w, 'YY010')).id });
    expect((await ok(w.core, w.admin, 'org.groups.list', {})).find((g) => g.id === w.opsGroupId)!.memberCount).toBe(5);
    const other = await newEmployee(w);
    expect(await fails(w.core, w.admin, 'org.groups.update', { id: w.opsGroupId, name: '项目运营组', leadEmployeeId: leaving.id })).toEqual({
      code: 'VALIDATION',
      message: 'error.validation',
      fields: { leadEmployeeId: 'validation.unknownEmployee' },
    });
    expect((await ok(w.core, w.admin, 'org.groups.update', { id: w.opsGroupId, name: '项目运营组', leadEmployeeId: other.id })).leadName).toBe(other.name);
  });

  it('keeps position titles unique and refuses archiving a position people hold', async () => {
    const w = await demoWorld();
    expect(await fails(w.core, w.admin, 'org.positions.create', { title: '专员' })).toEqual({
      code: 'CONFLICT',
      message: 'error.nameTaken',
      fields: { title: 'validation.nameTaken' },
    });
    const positions = await ok(w.core, w.admin, 'org.positions.list', {});
    expect(positions.map((p) => [p.title, p.level, p.employeeCount])).toEqual([
      ['经理', 1, 1],
      ['副经理', 2, 2],
      ['组长', 3, 3],
      ['人事专员', 4, 1], // same level: by pinyin (ren before zhuan), not by character code
      ['专员', 4, 18],
    ]);
    expect(await fails(w.core, w.admin, 'org.positions.archive', { id: w.positionId })).toEqual({ code: 'INVALID_STATE', message: 'error.positionHasEmployees' });
    const p = await newPosition(w);
    const updated = await ok(w.core, w.admin, 'org.positions.update', { id: p.id, title: '数据专员', level: 4, duties: '数据清洗；报表' });
    expect(updated).toMatchObject({ title: '数据专员', duties: '数据清洗；报表', employeeCount: 0 });
    const timeline = await ok(w.core, w.admin, 'timeline.list', { entity: 'position', recordId: p.id });
    expect(timeline[0]!.changes!.map((ch) => ch.field)).toEqual(['title', 'duties']);
    await ok(w.core, w.admin, 'org.positions.archive', { id: p.id });
    expect((await fails(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), positionId: p.id })).fields).toEqual({
      positionId: 'validation.unknownPosition',
    });
  });
});

describe('employees', () => {
  it('refuses a duplicate employee number, whatever its case', async () => {
    const w = await demoWorld();
    const taken = { code: 'CONFLICT', message: 'error.employeeNoTaken', fields: { employeeNo: 'validation.employeeNoTaken' } };
    expect(await fails(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), employeeNo: 'YY001' })).toEqual(taken);
    expect(await fails(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), employeeNo: 'yy001' })).toEqual(taken);
    const e = await newEmployee(w);
    expect(await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(e), employeeNo: 'YY002' })).toEqual(taken);
    // Archived employees keep their number.
    await ok(w.core, w.admin, 'org.employees.archive', { id: e.id });
    expect(await fails(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), employeeNo: e.employeeNo })).toEqual(taken);
  });

  it('reports every field problem of a save at once: format, reference and a taken employee number together', async () => {
    const w = await demoWorld();
    const archivedGroup = await newGroup(w, true);
    const before = await fingerprint(w.core);
    const bad = { ...employeeFields(w), employeeNo: 'yy001', phone: '12345', email: 'a@', groupId: archivedGroup.id, hireDate: '2024-02-30' };
    expect(await fails(w.core, w.admin, 'org.employees.create', bad)).toEqual({
      code: 'VALIDATION',
      message: 'error.validation',
      fields: {
        employeeNo: 'validation.employeeNoTaken',
        phone: 'validation.phoneNotMainland',
        email: 'validation.invalidEmail',
        groupId: 'validation.unknownGroup',
        hireDate: 'validation.invalidDate',
      },
    });
    // Valid input, only stored-data problems: still all of them in one answer.
    const e = await newEmployee(w);
    expect(await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(e), employeeNo: 'YY002', groupId: archivedGroup.id, managerId: e.id })).toEqual({
      code: 'VALIDATION',
      message: 'error.validation',
      fields: { employeeNo: 'validation.employeeNoTaken', groupId: 'validation.unknownGroup', managerId: 'validation.managerIsSelf' },
    });
    expect(await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(e), employeeNo: 'YY002', phone: 'x' })).toEqual({
      code: 'VALIDATION',
      message: 'error.validation',
      fields: { employeeNo: 'validation.employeeNoTaken', phone: 'validation.invalidPhone' },
    });
    expect(await fingerprint(w.core)).not.toBe(before); // newEmployee wrote; the refusals did not:
    const after = await fingerprint(w.core);
    await fails(w.core, w.admin, 'org.employees.create', bad);
    expect(await fingerprint(w.core)).toBe(after);
    // Someone without org.write learns nothing about stored data from a bad input.
    const staff = await login(w.core, 'staff1');
    expect(await fails(w.core, staff, 'org.employees.create', bad)).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });
    expect(await fails(w.core, null, 'org.employees.create', bad)).toEqual({ code: 'UNAUTHENTICATED', message: 'error.unauthenticated' });
  });

  it('checks phone numbers by the mainland rule, and a foreign one only when marked other', async () => {
    const w = await demoWorld();
    const create = (phone: string, phoneKind?: 'mainland' | 'other') => w.core.call('org.employees.create', { ...employeeFields(w), phone, ...(phoneKind ? { phoneKind } : {}) }, { token: w.admin });
    for (const phone of ['13912345678', '+86 139 1234 5678', '021-5555 1234', '0755-2345678转8']) expect((await create(phone)).ok, phone).toBe(true);
    expect(await create('12345')).toMatchObject({ ok: false, error: { fields: { phone: 'validation.phoneNotMainland' } } });
    expect(await create('+44 20 7946 0958')).toMatchObject({ ok: false, error: { fields: { phone: 'validation.phoneNotMainland' } } });
    expect(await create('+44 20 7946 0958', 'other')).toMatchObject({ ok: true, data: { phone: '+44 20 7946 0958' } });
    expect(await create('12345', 'other')).toMatchObject({ ok: false, error: { fields: { phone: 'validation.invalidForeignPhone' } } });
  });

  it('refuses a manager chain that loops', async () => {
    const w = await demoWorld();
    const a = await newEmployee(w);
    const b = await ok(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), managerId: a.id });
    const c = await ok(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), managerId: b.id });
    const before = await fingerprint(w.core);
    for (const managerId of [c.id, b.id]) {
      expect(await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(a), managerId })).toEqual({
        code: 'VALIDATION',
        message: 'error.validation',
        fields: { managerId: 'validation.managerCycle' },
      });
    }
    expect(await fingerprint(w.core)).toBe(before);
    const d = await newEmployee(w);
    expect((await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(a), managerId: d.id })).managerName).toBe(d.name);
    expect((await ok(w.core, w.admin, 'org.employees.get', { id: a.id })).reports.map((r) => r.id)).toEqual([b.id]);
    await ok(w.core, w.admin, 'org.employees.archive', { id: d.id });
    expect((await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(c), managerId: d.id })).fields).toEqual({
      managerId: 'validation.unknownEmployee',
    });
  });

  it('records leaving with a date, and tracks changes on the timeline', async () => {
    const w = await demoWorld();
    const e = await newEmployee(w);
    const auditBefore = await count(w.core, 'audit_log');
    expect((await ok(w.core, w.admin, 'org.employees.update', updateInput(e))).updatedAt).toBe(e.updatedAt);
    expect(await count(w.core, 'audit_log')).toBe(auditBefore); // nothing changed, nothing written
    expect((await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(e), status: 'left' })).fields).toEqual({ leftDate: 'validation.required' });
    const left = await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(e), status: 'left', leftDate: '2026-02-27', phone: '021-5555 1234' });
    expect(left).toMatchObject({ status: 'left', leftDate: '2026-02-27', phone: '021-5555 1234' });
    const back = await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(left), status: 'active' });
    expect(back).toMatchObject({ status: 'active', leftDate: null });
    const timeline = await ok(w.core, w.admin, 'timeline.list', { entity: 'employee', recordId: e.id });
    expect(timeline.map((t) => [t.kind, t.body, t.changes?.map((ch) => ch.field) ?? null])).toEqual([
      // newest first; within one update the status entry comes before the field changes
      ['fields', null, ['leftDate']],
      ['status', 'active', null],
      ['fields', null, ['phone', 'leftDate']],
      ['status', 'left', null],
      ['created', null, null],
    ]);
  });

  it('archives instead of deleting: hidden from lists unless asked for', async () => {
    const w = await demoWorld();
    const e = await newEmployee(w);
    await ok(w.core, w.admin, 'org.employees.archive', { id: e.id });
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: e.employeeNo })).total).toBe(0);
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: e.employeeNo, includeArchived: true })).rows[0]).toMatchObject({ id: e.id, archived: true });
    expect((await ok(w.core, w.admin, 'org.employees.get', { id: e.id })).archived).toBe(true);
    expect(await fails(w.core, w.admin, 'org.employees.update', { ...updateInput(e), name: 'x' })).toEqual({ code: 'INVALID_STATE', message: 'error.archived' });
    expect(await fails(w.core, w.admin, 'org.employees.archive', { id: e.id })).toEqual({ code: 'INVALID_STATE', message: 'error.alreadyArchived' });
    expect((await ok(w.core, w.admin, 'org.employees.restore', { id: e.id })).archived).toBe(false);
    // The refusal names the group, so the user knows where to choose another lead.
    expect(await fails(w.core, w.admin, 'org.employees.archive', { id: (await byNo(w, 'YY004')).id })).toEqual({
      code: 'INVALID_STATE',
      message: 'error.employeeLeadsGroup',
      params: { group: '项目运营组' },
    });
    expect(await count(w.core, 'org_employees')).toBe(26);
  });

  it('pages, sorts, filters and searches the list on the server', async () => {
    const w = await demoWorld();
    const all = await ok(w.core, w.admin, 'org.employees.list', { pageSize: 200 });
    expect(all.total).toBe(25);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(...(await ok(w.core, w.admin, 'org.employees.list', { pageSize: 10, page, sortField: 'hireDate' })).rows);
    expect(pages.map((r) => r.hireDate)).toEqual(all.rows.map((r) => r.hireDate).sort());
    expect(new Set(pages.map((r) => r.id)).size).toBe(25);
    expect((await ok(w.core, w.admin, 'org.employees.list', { pageSize: 10, page: 3 })).rows).toHaveLength(5);
    expect((await ok(w.core, w.admin, 'org.employees.list', { pageSize: 10, page: 4 })).rows).toEqual([]);

    const desc = await ok(w.core, w.admin, 'org.employees.list', { sortField: 'employeeNo', sortOrder: 'desc', pageSize: 2 });
    expect(desc.rows.map((r) => r.employeeNo)).toEqual(['YY025', 'YY024']);
    const byGroup = await ok(w.core, w.admin, 'org.employees.list', { sortField: 'groupName', pageSize: 200 });
    expect(byGroup.rows.map((r) => r.groupName ?? '')).toEqual(byGroup.rows.map((r) => r.groupName ?? '').sort());
    const ops = await ok(w.core, w.admin, 'org.employees.list', { groupId: w.opsGroupId, pageSize: 200 });
    expect(ops.total).toBe(7);
    expect(ops.rows.every((r) => r.groupName === '项目运营组')).toBe(true);
    expect((await ok(w.core, w.admin, 'org.employees.list', { positionId: w.positionId })).total).toBe(18);
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: '王建' })).rows.map((r) => r.employeeNo)).toEqual(['YY001']);
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: '13800000017' })).rows.map((r) => r.name)).toEqual(['林峰']);
    expect((await ok(w.core, w.admin, 'org.employees.list', { search: 'YY012@EXAMPLE' })).total).toBe(1);
  });

  it('finds names by pinyin and initials and sorts them by pinyin, kept current when a name changes', async () => {
    const w = await demoWorld();
    const mk = (name: string) => ok(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), name });
    const wxm = await mk('王小明');
    await mk('欧阳娜娜');
    const search = async (text: string) => (await ok(w.core, w.admin, 'org.employees.list', { search: text })).rows.map((r) => r.name);
    for (const text of ['wxm', 'wang', 'wangxiaoming', 'Wang Xiao', 'WXM', '王小']) expect(await search(text), text).toContain('王小明');
    expect(await search('wxm')).toEqual(['王小明']);
    expect(await search('oyn')).toEqual(['欧阳娜娜']);
    expect(await search('wjg')).toEqual(['王建国']);
    // By character code 王 (U+738B) sorts before 赵 and after 陈; by pinyin it is among the w's.
    const names = (await ok(w.core, w.admin, 'org.employees.list', { sortField: 'name', pageSize: 200 })).rows.map((r) => r.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));
    expect(names.slice(0, 4)).toEqual(['曹宇', '陈静', '邓倩', '冯涛']);
    const desc = (await ok(w.core, w.admin, 'org.employees.list', { sortField: 'name', sortOrder: 'desc', pageSize: 2 })).rows.map((r) => r.name);
    expect(desc).toEqual(['朱明', '周敏']);
    await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(wxm), name: '李小龙' });
    expect(await search('wxm')).toEqual([]);
    expect(await search('lxl')).toEqual(['李小龙']);
  });

  it('matches % and _ in search text literally', async () => {
    const w = await demoWorld();
    const mk = (employeeNo: string, name: string) => ok(w.core, w.admin, 'org.employees.create', { ...employeeFields(w), employeeNo, name });
    await mk('A_1', '完成率100%');
    await mk('AB1', '完成率1000');
    await mk('A-1', '反斜杠\\组');
    const search = async (text: string) => (await ok(w.core, w.admin, 'org.employees.list', { search: text })).rows.map((r) => r.employeeNo);
    expect(await search('%')).toEqual(['A_1']);
    expect(await search('100%')).toEqual(['A_1']);
    expect(await search('A_1')).toEqual(['A_1']);
    expect(await search('_')).toEqual(['A_1']);
    expect(await search('\\')).toEqual(['A-1']);
    expect(await search('完成率1')).toEqual(['AB1', 'A_1']); // sorted by employee number
  });

  it('shows the detail of an employee: reports, managed groups, account, duties', async () => {
    const w = await demoWorld();
    const deputy = await byNo(w, 'YY003');
    expect(deputy.reports.map((r) => r.employeeNo)).toEqual(['YY005', 'YY006']);
    expect(deputy.managedGroups.map((g) => g.name).sort()).toEqual(['客户服务组', '数据分析组'].sort());
    expect(deputy.userAccount).toMatchObject({ username: 'deputy2' });
    expect(deputy.duties).toContain('协助经理开展工作');
    expect(await fails(w.core, w.admin, 'org.employees.get', { id: crypto.randomUUID() })).toEqual({ code: 'NOT_FOUND', message: 'error.notFound' });
  });
});

describe('deputies, chart and department', () => {
  it('assigns the groups a deputy manages (分管), replacing the previous assignment', async () => {
    const w = await demoWorld();
    const deputy = await byNo(w, 'YY002');
    const groups = await ok(w.core, w.admin, 'org.groups.list', {});
    const ids = (names: string[]) => names.map((n) => groups.find((g) => g.name === n)!.id);
    expect((await ok(w.core, w.admin, 'org.deputies.list', {})).map((d) => [d.name, d.groupIds.length])).toEqual([
      ['李晓梅', 1], // by pinyin: li before zhang
      ['张志强', 2],
    ]);
    await ok(w.core, w.admin, 'org.deputies.assign', { employeeId: deputy.id, groupIds: ids(['数据分析组', '数据分析组', '客户服务组']) });
    expect((await ok(w.core, w.admin, 'org.employees.get', { id: deputy.id })).managedGroups.map((g) => g.name).sort()).toEqual(['客户服务组', '数据分析组'].sort());
    const after = await ok(w.core, w.admin, 'org.groups.list', {});
    expect(after.find((g) => g.name === '项目运营组')!.deputies).toEqual([]);
    expect(after.find((g) => g.name === '数据分析组')!.deputies.map((d) => d.name).sort()).toEqual(['张志强', '李晓梅'].sort());

    const archived = await newGroup(w, true);
    const before = await fingerprint(w.core);
    for (const groupIds of [[archived.id], [crypto.randomUUID()]]) {
      expect((await fails(w.core, w.admin, 'org.deputies.assign', { employeeId: deputy.id, groupIds })).fields).toEqual({ groupIds: 'validation.unknownGroup' });
    }
    expect(await fingerprint(w.core)).toBe(before);
    await ok(w.core, w.admin, 'org.deputies.assign', { employeeId: deputy.id, groupIds: [] });
    expect((await ok(w.core, w.admin, 'org.deputies.list', {})).map((d) => d.name)).toEqual(['张志强']);
  });

  it('draws the org chart as a reporting tree of active employees', async () => {
    const w = await demoWorld();
    await ok(w.core, w.admin, 'org.employees.archive', { id: (await byNo(w, 'YY024')).id });
    const leaver = await byNo(w, 'YY023');
    await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(leaver), status: 'left', leftDate: '2026-01-31' });
    const chart = await ok(w.core, w.admin, 'org.chart', {});
    expect(chart.departmentName).toBe('运营部');
    // The chart comes two levels at a time; the levels below are asked for node by node.
    const shallow = (nodes: OrgChartNode[]): unknown[] => nodes.map((n) => (n.children.length ? [n.name, shallow(n.children)] : [n.name, n.reportCount]));
    expect(shallow(chart.roots)).toEqual([['王建国', [['李晓梅', 1], ['张志强', 2], ['邓倩', 0]]]]);
    const opened = async (nodes: OrgChartNode[]): Promise<unknown[]> =>
      Promise.all(
        nodes.map(async (n) => {
          if (n.reportCount === 0) return n.name;
          const reports = n.children.length ? n.children : await ok(w.core, w.admin, 'org.chart.reports', { managerId: n.employeeId });
          expect(reports).toHaveLength(n.reportCount);
          return [n.name, await opened(reports)];
        }),
      );
    expect(await opened(chart.roots)).toEqual([
      [
        '王建国',
        [
          ['李晓梅', [['陈静', ['孙浩', '周敏', '吴磊', '郑雪', '冯涛']]]],
          ['张志强', [['刘洋', ['何佳', '许文博', '马琳', '朱明', '胡婷']], ['赵丽娟', ['林峰', '高欣', '罗斌', '梁爽', '宋凯', '唐悦']]]],
          '邓倩',
        ],
      ],
    ]);
    expect(chart.roots[0]).toMatchObject({ positionTitle: '经理', groupName: null });
    expect(chart.groups.map((g) => [g.name, g.leadName, g.deputyNames, g.memberCount])).toEqual([
      ['项目运营组', '陈静', ['李晓梅'], 6],
      ['数据分析组', '刘洋', ['张志强'], 6],
      ['客户服务组', '赵丽娟', ['张志强'], 7],
    ]);
  });

  it('finds the managers to open to show someone in the chart, and only for people in it', async () => {
    const w = await demoWorld();
    const chain = async (no: string) => {
      const { managerIds } = await ok(w.core, w.admin, 'org.chart.path', { employeeId: (await byNo(w, no)).id });
      return Promise.all(managerIds.map(async (id) => (await ok(w.core, w.admin, 'org.employees.get', { id })).name));
    };
    const linFeng = (await ok(w.core, w.admin, 'org.employees.list', { search: '林峰' })).rows[0]!;
    expect(await chain(linFeng.employeeNo)).toEqual(['王建国', '张志强', '赵丽娟']);
    const root = (await ok(w.core, w.admin, 'org.chart', {})).roots[0]!;
    expect((await ok(w.core, w.admin, 'org.chart.path', { employeeId: root.employeeId })).managerIds).toEqual([]);
    // A manager who leaves puts their reports at the top of the chart: the path stops below them.
    const zhang = (await ok(w.core, w.admin, 'org.employees.list', { search: '张志强' })).rows[0]!;
    await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(await ok(w.core, w.admin, 'org.employees.get', { id: zhang.id })), status: 'left', leftDate: '2026-01-31' });
    expect(await chain(linFeng.employeeNo)).toEqual(['赵丽娟']);
    expect((await ok(w.core, w.admin, 'org.chart', {})).roots.map((n) => n.name)).toEqual(['王建国', '刘洋', '赵丽娟']);
    expect(await fails(w.core, w.admin, 'org.chart.path', { employeeId: zhang.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await ok(w.core, w.admin, 'org.chart.reports', { managerId: zhang.id })).toEqual([]);
  });

  it('renames the department', async () => {
    const w = await demoWorld();
    expect(await ok(w.core, w.admin, 'org.department.get', {})).toEqual({ name: '运营部' });
    await ok(w.core, w.admin, 'org.department.update', { name: ' 运营管理部 ' });
    expect(await ok(w.core, w.admin, 'org.department.get', {})).toEqual({ name: '运营管理部' });
    expect((await ok(w.core, w.admin, 'auth.me', {})).departmentName).toBe('运营管理部');
  });
});
