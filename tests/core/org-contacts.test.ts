import { describe, expect, it } from 'vitest';
import type { EmployeeRow } from '../../shared/api/index.js';
import { fails, login, ok } from './support/harness.js';
import { readXlsxRows } from './support/files.js';
import { demoWorld, updateInput, type World } from './support/world.js';

/**
 * Contact details (phone, email, login name) under PIPL: staff see names, positions and groups;
 * contact details of others only with org.contacts (a lead and a deputy for their groups), and
 * everyone sees their own. The demo: deputy1 (YY002) manages 项目运营组, lead1 (YY004) leads it,
 * staff1 is YY007 in it, 数据分析组 is someone else's.
 */
const OPS = ['YY004', 'YY007', 'YY008', 'YY009', 'YY010', 'YY011', 'YY024'];

async function rows(w: World, token: string): Promise<EmployeeRow[]> {
  return (await ok(w.core, token, 'org.employees.list', { pageSize: 200 })).rows;
}

/** The employee numbers whose phone and email the caller is shown. */
async function visible(w: World, token: string): Promise<string[]> {
  const all = await rows(w, token);
  for (const r of all) expect(r.phone === null, r.employeeNo).toBe(r.email === null);
  return all.filter((r) => r.phone !== null).map((r) => r.employeeNo).sort();
}

const idOf = async (w: World, no: string) => (await ok(w.core, w.admin, 'org.employees.list', { search: no })).rows[0]!.id;

describe('contact details', () => {
  it('are shown department-wide to admin, manager and HR, per group to a lead and a deputy, and to everyone for their own record', async () => {
    const w = await demoWorld();
    const everyone = (await rows(w, w.admin)).map((r) => r.employeeNo).sort();
    expect(everyone).toHaveLength(25);
    for (const user of ['manager', 'hr']) expect(await visible(w, await login(w.core, user)), user).toEqual(everyone);
    expect(await visible(w, w.admin)).toEqual(everyone);
    expect(await visible(w, await login(w.core, 'deputy1'))).toEqual(['YY002', ...OPS].sort());
    expect(await visible(w, await login(w.core, 'lead1'))).toEqual(OPS);
    expect(await visible(w, await login(w.core, 'staff1'))).toEqual(['YY007']);
    // Hidden is said in the row, so a page can tell "hidden" from "none given".
    const staffRows = await rows(w, await login(w.core, 'staff1'));
    expect(staffRows.find((r) => r.employeeNo === 'YY008')).toMatchObject({ phone: null, email: null, contactsHidden: true, name: '周敏', groupName: '项目运营组', positionTitle: '专员' });
    expect(staffRows.find((r) => r.employeeNo === 'YY007')).toMatchObject({ phone: '13800000007', contactsHidden: false });
  });

  it('leave the login name and contacts out of a colleague’s detail, not out of one’s own', async () => {
    const w = await demoWorld();
    const staff = await login(w.core, 'staff1');
    const colleague = await ok(w.core, staff, 'org.employees.get', { id: await idOf(w, 'YY004') });
    expect(colleague).toMatchObject({ name: '陈静', phone: null, email: null, contactsHidden: true });
    expect(colleague.userAccount).toEqual({ id: expect.any(String), username: null });
    const own = await ok(w.core, staff, 'org.employees.get', { id: await idOf(w, 'YY007') });
    expect(own).toMatchObject({ phone: '13800000007', email: 'yy007@example.com', contactsHidden: false, userAccount: { username: 'staff1' } });
    const lead = await login(w.core, 'lead1');
    expect((await ok(w.core, lead, 'org.employees.get', { id: await idOf(w, 'YY008') })).userAccount).toBeNull(); // no account
    expect((await ok(w.core, lead, 'org.employees.get', { id: await idOf(w, 'YY007') })).userAccount).toMatchObject({ username: 'staff1' });
    expect((await ok(w.core, lead, 'org.employees.get', { id: await idOf(w, 'YY012') })).userAccount).toMatchObject({ username: null });
  });

  it('cannot be found by searching for them without the right to see them', async () => {
    const w = await demoWorld();
    const staff = await login(w.core, 'staff1');
    const search = async (token: string, text: string) => (await ok(w.core, token, 'org.employees.list', { search: text })).rows.map((r) => r.employeeNo);
    expect(await search(staff, '13800000008')).toEqual([]);
    expect(await search(staff, 'yy008@example')).toEqual([]);
    expect(await search(staff, '13800000007')).toEqual(['YY007']);
    expect(await search(staff, '周敏')).toEqual(['YY008']); // names stay searchable
    const lead = await login(w.core, 'lead1');
    expect(await search(lead, '13800000008')).toEqual(['YY008']);
    expect(await search(lead, '13800000013')).toEqual([]);
    expect(await search(w.admin, '13800000013')).toEqual(['YY013']);
  });

  it('are not in the org chart, and exports need org.write or org.contacts with the same redaction', async () => {
    const w = await demoWorld();
    const staff = await login(w.core, 'staff1');
    expect(JSON.stringify(await ok(w.core, staff, 'org.chart', {}))).not.toMatch(/1380000|example\.com/);
    expect(await fails(w.core, staff, 'org.employees.export', {})).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });
    expect(await fails(w.core, staff, 'exports.list', { list: 'org.employees.list', input: {} })).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });

    const lead = await login(w.core, 'lead1');
    for (const file of [await ok(w.core, lead, 'org.employees.export', {}), await ok(w.core, lead, 'exports.list', { list: 'org.employees.list', input: {} })]) {
      const sheet = await readXlsxRows(file.contentBase64);
      const phoneColumn = sheet[0]!.indexOf('电话');
      const withPhone = sheet.slice(1).filter((r) => r[phoneColumn] !== '').map((r) => r[0]).sort();
      expect(withPhone).toEqual(OPS);
      expect(sheet.length - 1).toBe(25);
    }
  });

  it('show on the timeline only to those who may see them', async () => {
    const w = await demoWorld();
    const id = await idOf(w, 'YY008');
    await ok(w.core, w.admin, 'org.employees.update', { ...updateInput(await ok(w.core, w.admin, 'org.employees.get', { id })), phone: '13912345678', name: '周敏敏' });
    const changes = async (token: string) => (await ok(w.core, token, 'timeline.list', { entity: 'employee', recordId: id }))[0]!.changes;
    expect(await changes(await login(w.core, 'lead1'))).toEqual([
      { field: 'name', from: '周敏', to: '周敏敏' },
      { field: 'phone', from: '13800000008', to: '13912345678' },
    ]);
    expect(await changes(await login(w.core, 'staff1'))).toEqual([
      { field: 'name', from: '周敏', to: '周敏敏' },
      { field: 'phone', from: null, to: null, hidden: true },
    ]);
  });
});
