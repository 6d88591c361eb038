import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { assemble, MODULES } from '../../electron/core/api.js';
import type { Core } from '../../electron/core/index.js';
import type { SheetFormat } from '../../electron/core/kernel/export.js';
import { collectHooks, type ModuleDefinition } from '../../electron/core/kernel/module.js';
import { APPROVAL_STATUS_NAMES, EMPLOYEE_STATUS_NAMES, GENDER_NAMES, localInstant, NOTIFICATION_TITLES, ROLE_NAMES, YES_NO, type Bilingual } from '../../electron/core/kernel/words.js';
import { enUS } from '../../renderer/src/i18n/en-US/index.js';
import { zhCN } from '../../renderer/src/i18n/zh-CN/index.js';
import { EXPORTABLE_LISTS, type ExportableList, type FileDownload, type InputOf, type Page } from '../../shared/api/index.js';
import type { CoreEvent } from '../../shared/api/events.js';
import { ROLES } from '../../shared/domain/roles.js';
import { scopeFor } from '../../shared/domain/permissions.js';
import { cellText, csvUpload, IMPORT_HEADER, readXlsxRows } from './support/files.js';
import { exec } from './support/engine.js';
import { call, count, fails, fingerprint, login, ok } from './support/harness.js';
import { demoWorld, newApproval, signedInUser, type World } from './support/world.js';

/** The filters each page could send; every one narrows or orders its list in some way. */
const FILTERS: { [L in ExportableList]: (w: World) => InputOf<L> } = {
  'org.employees.list': (w) => ({ groupId: w.opsGroupId, sortField: 'name', sortOrder: 'desc' }),
  'org.groups.list': () => ({ includeArchived: true }),
  'org.positions.list': () => ({ includeArchived: false }),
  'org.deputies.list': () => ({}),
  'users.list': () => ({ role: 'staff', sortField: 'username' }),
  'audit.list': () => ({ method: 'org.employees.create' }),
  'reminders.mine': () => ({ includeDone: true }),
  'notifications.list': () => ({ unreadOnly: true }),
  'approvals.mine': () => ({ view: 'pending' }),
};

/** Every row the list itself returns for `input`, paging as a user clicking through would. */
async function listRows<L extends ExportableList>(core: Core, token: string, list: L, input: InputOf<L>): Promise<unknown[]> {
  const first = (await ok(core, token, list, input)) as unknown;
  if (Array.isArray(first)) return first;
  const rows: unknown[] = [];
  for (let page = 1; ; page++) {
    const out = (await ok(core, token, list, { ...input, page, pageSize: 200 } as InputOf<L>)) as unknown as Page<unknown>;
    rows.push(...out.rows);
    if (rows.length >= out.total) return rows;
  }
}

/** The cells the registered columns make of `rows`, as a spreadsheet reader sees them. */
async function formatted(core: Core, username: string, list: ExportableList, rows: unknown[], zh: boolean): Promise<string[][]> {
  const format = core.services.hooks.listExports[list] as SheetFormat<unknown>;
  return core.runInternal('test.format', username, async (ctx) => {
    const toCells = await format.formatter(ctx, zh);
    return rows.map((r) => format.columns.map((c) => cellText(toCells(r)[c.key], c.format === 'dateTime')));
  });
}

async function exported(core: Core, token: string, list: ExportableList, input: object, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<{ file: FileDownload; rows: string[][] }> {
  const file = await ok(core, token, 'exports.list', { list, input: input as Record<string, unknown>, locale });
  return { file, rows: await readXlsxRows(file.contentBase64) };
}

/** A demo department with something in every list: reminders, an approval waiting for the admin and its notification. */
async function busyWorld() {
  const w = await demoWorld();
  await ok(w.core, w.admin, 'reminders.create', { title: '跟进合同, "A 公司"\n第二行', dueAt: '2026-03-01T01:00:00.000Z' });
  const done = await ok(w.core, w.admin, 'reminders.create', { title: '已完成的事', dueAt: '2026-03-04T01:00:00.000Z' });
  await ok(w.core, w.admin, 'reminders.complete', { id: done.id });
  await newApproval(w, 'lead1');
  await ok(w.core, w.admin, 'org.groups.archive', { id: (await ok(w.core, w.admin, 'org.groups.create', { name: '已撤销组', leadEmployeeId: null })).id });
  return w;
}

describe('exports.list', () => {
  it('exports every registered list: the rows the list returns with the same filters, in its order', async () => {
    const w = await busyWorld();
    for (const list of EXPORTABLE_LISTS) {
      const input = FILTERS[list](w);
      const rows = await listRows(w.core, w.admin, list, input);
      expect(rows.length, list).toBeGreaterThan(0);
      const { file, rows: sheet } = await exported(w.core, w.admin, list, input);
      expect(file.fileName, list).toMatch(/-2026-03-02\.xlsx$/);
      const format = w.core.services.hooks.listExports[list]!;
      expect(sheet[0], list).toEqual(format.columns.map((c) => c.zh));
      expect(sheet.slice(1), list).toEqual(await formatted(w.core, 'admin', list, rows, true));
    }
  });

  it('writes words, not codes, in the chosen language, and local times', async () => {
    const w = await busyWorld();
    const zh = (await exported(w.core, w.admin, 'users.list', { search: 'admin' })).rows;
    expect(zh[0]).toEqual(['用户名', '姓名', '角色', '关联员工', '状态', '暂停登录至', '最近登录', '创建时间']);
    expect(zh[1]).toEqual(expect.arrayContaining(['admin', '系统管理员', '正常', localInstant('2026-03-02T01:00:00.000Z')]));
    const en = (await exported(w.core, w.admin, 'users.list', { search: 'admin' }, 'en-US')).rows;
    expect(en[0]![2]).toBe('Roles');
    expect(en[1]).toEqual(expect.arrayContaining(['Administrator', 'Active']));

    const employees = (await exported(w.core, w.admin, 'org.employees.list', { search: 'YY008' }, 'en-US')).rows;
    expect(employees[1]).toEqual(expect.arrayContaining(['YY008', 'Active']));
    const reminders = (await exported(w.core, w.admin, 'reminders.mine', { includeDone: true })).rows;
    expect(reminders.find((r) => r[0]!.startsWith('跟进合同'))).toEqual(expect.arrayContaining(['跟进合同, "A 公司"\n第二行', '是']));
    const approvals = (await exported(w.core, w.admin, 'approvals.mine', { view: 'pending' })).rows;
    expect(approvals[1]).toEqual(expect.arrayContaining(['员工', '审批中']));
    expect(approvals[1]![6]).toMatch(/^1\. 系统管理员 待审批$/);
    const notifications = (await exported(w.core, w.admin, 'notifications.list', {})).rows;
    expect(notifications[1]![0]).toMatch(/^待审批：调岗 /);
    const deputies = (await exported(w.core, w.admin, 'org.deputies.list', {})).rows;
    expect(deputies.flat().join()).toContain('项目运营组');
  });

  it('writes dates and times as real Excel dates, not text: calendar dates as days, instants in local time', async () => {
    const w = await busyWorld();
    const load = async (file: FileDownload) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
      return workbook.worksheets[0]!;
    };
    for (const file of [await ok(w.core, w.admin, 'org.employees.export', { search: 'YY008' }), (await exported(w.core, w.admin, 'org.employees.list', { search: 'YY008' })).file]) {
      const sheet = await load(file);
      const hired = sheet.getRow(2).getCell(7);
      expect(sheet.getRow(1).getCell(7).value).toBe('入职日期');
      expect(sheet.getRow(1).getCell(7).numFmt ?? null).not.toBe('yyyy-mm-dd');
      expect(hired.value).toEqual(new Date(Date.UTC(2021, 2, 1))); // YY008 was hired 2021-03-01
      expect(hired.numFmt).toBe('yyyy-mm-dd');
    }
    const audit = await load((await exported(w.core, w.admin, 'audit.list', {})).file);
    const at = audit.getRow(2).getCell(2);
    expect(at.value).toBeInstanceOf(Date);
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
    // What the cell shows is the instant in the computer's time zone, as the page shows it.
    const shown = (at.value as Date).toISOString().slice(0, 16).replace('T', ' ');
    expect(shown).toBe(localInstant('2026-03-02T01:00:00.000Z'));
    const reminders = await load((await exported(w.core, w.admin, 'reminders.mine', { includeDone: true })).file);
    expect(reminders.getRow(2).getCell(3).value).toBeInstanceOf(Date);
  });

  it("uses the user's own language when none is asked for", async () => {
    const w = await demoWorld();
    await ok(w.core, w.admin, 'auth.setLocale', { locale: 'en-US' });
    const file = await ok(w.core, w.admin, 'exports.list', { list: 'org.positions.list' });
    expect(file.fileName).toMatch(/^positions-/);
    expect((await readXlsxRows(file.contentBase64))[0]![0]).toBe('Position');
  });

  it('the employee list and org.employees.export write the same columns', async () => {
    const w = await demoWorld();
    const viaList = (await exported(w.core, w.admin, 'org.employees.list', { sortField: 'employeeNo' })).rows;
    const viaExport = await readXlsxRows((await ok(w.core, w.admin, 'org.employees.export', {})).contentBase64);
    expect(viaList[0]).toEqual(IMPORT_HEADER);
    expect(viaList).toEqual(viaExport);
  });

  it('refuses a staff user the users and audit lists and the employee file (FORBIDDEN, nothing written) but exports what staff may see', async () => {
    const w = await demoWorld();
    const staff = await signedInUser(w, ['staff']);
    const before = await fingerprint(w.core);
    // The employee list as a file would carry contact details: it needs org.contacts.
    for (const list of ['users.list', 'audit.list', 'org.employees.list'] as const) {
      const error = await fails(w.core, staff.token, 'exports.list', { list, input: {} });
      expect(error).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });
    }
    expect(await fingerprint(w.core)).toBe(before);
    const { rows } = await exported(w.core, staff.token, 'org.groups.list', {});
    expect(rows.length).toBe(1 + (await ok(w.core, staff.token, 'org.groups.list', {})).length);
  });

  it('decides exactly as a call of the list would, for every role and list', async () => {
    const w = await demoWorld();
    for (const role of ROLES) {
      const user = await signedInUser(w, [role]);
      for (const list of EXPORTABLE_LISTS) {
        const direct = await call(w.core, user.token, list, {});
        const viaExport = await call(w.core, user.token, 'exports.list', { list, input: {} });
        // A list whose file needs more than the list (the employees: org.contacts) asks for that too.
        const extra = w.core.services.hooks.listExports[list]!.permission;
        const expected = !direct.ok ? direct.error.code : extra && !scopeFor([role], extra) ? 'FORBIDDEN' : 'ok';
        expect(viaExport.ok ? 'ok' : viaExport.error.code, `${role} ${list}`).toBe(expected);
      }
    }
    const fresh = await ok(w.core, w.admin, 'users.create', { username: 'fresh1', displayName: '新人', password: 'Temp-pass-1', roles: ['admin'] });
    const token = await login(w.core, fresh.username, 'Temp-pass-1');
    expect(await fails(w.core, token, 'exports.list', { list: 'org.groups.list' })).toEqual({ code: 'FORBIDDEN', message: 'error.mustChangePassword' });
    expect((await fails(w.core, null, 'exports.list', { list: 'org.groups.list' })).code).toBe('UNAUTHENTICATED');
  });

  it("validates the inner input against the list's own schema", async () => {
    const w = await demoWorld();
    const bad = [
      [{ list: 'users.list', input: { role: 'king' } }, { 'input.role': 'validation.invalidValue' }],
      [{ list: 'audit.list', input: { search: 'x'.repeat(101) } }, { 'input.search': 'validation.tooLong' }],
      [{ list: 'org.groups.list', input: { includeArchived: 'yes' } }, { 'input.includeArchived': 'validation.invalidType' }],
      [{ list: 'org.deputies.list', input: { extra: 1 } }, { 'input.extra': 'validation.unknownField' }],
      [{ list: 'org.employees.create', input: {} }, { list: 'validation.invalidValue' }],
      [{ list: 'users.list', input: [] }, { input: 'validation.invalidType' }],
    ] as const;
    for (const [input, fields] of bad) {
      expect(await fails(w.core, w.admin, 'exports.list', input), JSON.stringify(input)).toEqual({ code: 'VALIDATION', message: 'error.validation', fields });
    }
  });

  it('pages through lists longer than one page (200 rows), reporting progress', async () => {
    const w = await demoWorld();
    const rows = Array.from({ length: 450 }, (_, i) => [`P${String(i).padStart(4, '0')}`, `批量${i}`, i % 2 ? '男' : '女', '专员', '数据分析组', '', '2024-03-01', '', '', '在职']);
    expect((await ok(w.core, w.admin, 'org.employees.importCommit', csvUpload([IMPORT_HEADER, ...rows]))).imported).toBe(450);
    const events: CoreEvent[] = [];
    const off = w.core.on((e) => events.push(e));
    const result = await w.core.call('exports.list', { list: 'org.employees.list', input: { pageSize: 10, page: 3 } }, { token: w.admin, callId: 'c1' });
    off();
    expect(result.ok).toBe(true);
    const sheet = await readXlsxRows((result as { data: FileDownload }).data.contentBase64);
    const all = await listRows(w.core, w.admin, 'org.employees.list', {});
    expect(all.length).toBe(475);
    expect(sheet.length - 1).toBe(475);
    expect(sheet.slice(1)).toEqual(await formatted(w.core, 'admin', 'org.employees.list', all, true));
    const progress = events.flatMap((e) => (e.type === 'progress' && e.callId === 'c1' ? [`${e.phase} ${e.done}/${e.total}`] : []));
    expect(progress).toEqual(expect.arrayContaining(['querying 200/475', 'querying 400/475', 'querying 475/475', 'writing 1/1']));
  });

  it('refuses more than 100,000 rows rather than cutting the file short', async () => {
    const w = await demoWorld();
    const adminId = (await ok(w.core, w.admin, 'auth.me', {})).user.id;
    // A thousand rows a statement (3,000 parameters: within both engines' limits).
    const total = 100_001;
    for (let from = 0; from < total; from += 1000) {
      const ids = Array.from({ length: Math.min(1000, total - from) }, (_, i) => `00000000-0000-7000-8000-${String(from + i).padStart(12, '0')}`);
      const values = ids.map(() => "(?, ?, 'reminder', 'notify.reminderAssigned', '{}', ?)").join(', ');
      await exec(w.core, `INSERT INTO notifications (id, user_id, kind, title_key, params_json, created_at) VALUES ${values}`, ids.flatMap((id) => [id, adminId, '2026-03-01T00:00:00.000Z']));
    }
    expect(await count(w.core, 'notifications')).toBeGreaterThan(100_000);
    expect(await fails(w.core, w.admin, 'exports.list', { list: 'notifications.list' })).toEqual({ code: 'INVALID_STATE', message: 'error.exportTooLarge' });
  });

  it('has columns for every exportable list, and refuses a list registered twice or not at all', () => {
    const hooks = assemble().hooks;
    for (const list of EXPORTABLE_LISTS) expect(hooks.listExports[list], list).toBeDefined();
    const users = hooks.listExports['users.list']!;
    const extra: ModuleDefinition = { name: 'extra', handlers: {}, exports: { 'users.list': users } };
    expect(() => collectHooks([...MODULES, extra])).toThrow('Export of users.list registered twice (module extra)');
    const withoutUsers = MODULES.map((m) => ({ ...m, exports: Object.fromEntries(Object.entries(m.exports ?? {}).filter(([k]) => k !== 'users.list')) }));
    expect(() => assemble(withoutUsers)).toThrow('Exportable lists without export columns: users.list');
  });
});

describe('export words', () => {
  it('are the words the pages show (the renderer catalogs), in both languages', () => {
    const tables: [string, Record<string, Bilingual>][] = [
      ['role.', ROLE_NAMES],
      ['gender.', GENDER_NAMES],
      ['status.', EMPLOYEE_STATUS_NAMES],
      ['approvals.status.', APPROVAL_STATUS_NAMES],
      ['', NOTIFICATION_TITLES],
      ['common.', YES_NO],
    ];
    for (const [prefix, words] of tables) {
      for (const [value, { zh, en }] of Object.entries(words)) {
        const key = `${prefix}${value}`;
        expect(zhCN[key as keyof typeof zhCN], key).toBe(zh);
        expect(enUS[key as keyof typeof enUS], key).toBe(en);
      }
    }
    const notifyKeys = Object.keys(zhCN).filter((k) => k.startsWith('notify.'));
    expect(Object.keys(NOTIFICATION_TITLES).sort()).toEqual(notifyKeys.sort());
  });
});
