import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/index.js';
import { scopeFor, TABLE_PERMISSIONS, type TablePermission } from '../../shared/domain/permissions.js';
import { ROLES } from '../../shared/domain/roles.js';
import { ADMIN, call, fails, fingerprint, login, ok, openCore } from './support/harness.js';
import { onPostgres } from './support/engine.js';
import { demoWorld, newEmployee, newUser, signedInUser, updateInput, VALID_INPUT, type World } from './support/world.js';
import { callerFor } from './support/attendance-world.js';

const isTablePermission = (p: string): p is TablePermission => (TABLE_PERMISSIONS as string[]).includes(p);
const TABLE_METHODS = METHOD_NAMES.filter((m) => isTablePermission(contract[m].permission));
const SESSION_METHODS = METHOD_NAMES.filter((m) => contract[m].permission !== 'public');

/** Backups copy the desktop's SQLite file: on a PostgreSQL server they are refused, saying so. */
const REFUSED_ON_SERVER = new Set<MethodName>(['backup.create', 'backup.restore']);
const SERVER_REFUSAL = { code: 'INVALID_STATE', message: 'backup.problem.onServer' };
const refusedOnServer = (method: MethodName) => onPostgres && REFUSED_ON_SERVER.has(method);

/** A backup made by a desktop (SQLite) core of its own, once per world: a server cannot make one. */
const desktopBackups = new WeakMap<World, Promise<{ path: string; fileName: string }>>();
function desktopBackup(w: World) {
  if (!desktopBackups.has(w)) {
    desktopBackups.set(
      w,
      (async () => {
        const desktop = await openCore({ databaseUrl: null });
        await ok(desktop.core, null, 'setup.initialize', { departmentName: '运营部', adminUsername: ADMIN.username, adminPassword: ADMIN.password, withDemoData: false });
        const token = await login(desktop.core, ADMIN.username, ADMIN.password);
        return ok(desktop.core, token, 'backup.create', {});
      })(),
    );
  }
  return desktopBackups.get(w)!;
}

/**
 * The valid input of a method. The inputs naming a backup file make one with backup.create, which
 * a server refuses: on PostgreSQL a desktop core's backup is put in the department's backup folder.
 */
async function validInput(w: World, method: MethodName): Promise<unknown> {
  if (!onPostgres || !['backup.inspect', 'backup.verify', 'backup.restore'].includes(method)) return VALID_INPUT[method](w);
  const made = await desktopBackup(w);
  const { folder } = await ok(w.core, w.admin, 'backup.overview', {});
  fs.mkdirSync(folder, { recursive: true });
  fs.copyFileSync(made.path, path.join(folder, made.fileName));
  return method === 'backup.restore' ? { file: made.fileName, confirm: true } : { file: made.fileName };
}

async function run(w: World, token: string | null, method: MethodName) {
  const input = await validInput(w, method);
  const before = await fingerprint(w.core);
  const result = await w.core.call(method, input, { token });
  return { result, unchanged: await fingerprint(w.core) === before };
}

describe('permissions', () => {
  it('refuses a staff user editing the organisation and writes nothing', async () => {
    const w = await demoWorld();
    const staff = await login(w.core, 'staff1');
    const employee = await ok(w.core, w.admin, 'org.employees.get', { id: w.employeeId });
    const before = await fingerprint(w.core);
    expect(await fails(w.core, staff, 'org.groups.create', { name: '新小组' })).toEqual({ code: 'FORBIDDEN', message: 'error.forbidden' });
    expect((await fails(w.core, staff, 'org.employees.update', { ...updateInput(employee), name: '改名' })).code).toBe('FORBIDDEN');
    expect((await fails(w.core, staff, 'org.department.update', { name: '别的部门' })).code).toBe('FORBIDDEN');
    expect(await fingerprint(w.core)).toBe(before);
    expect((await ok(w.core, w.admin, 'org.employees.get', { id: w.employeeId })).name).toBe(employee.name);
    // Reading is allowed to everyone in the department.
    expect((await ok(w.core, staff, 'org.employees.list', {})).total).toBe(25);
  });

  it('accepts every valid input from the administrator, or for attendance the HR officer (the matrix below relies on them)', async () => {
    const w = await demoWorld();
    const expectedFailure: Partial<Record<MethodName, string>> = {
      'setup.initialize': 'INVALID_STATE', // the department exists already
      'auth.changePassword': 'VALIDATION', // the fixture's current password is wrong on purpose
    };
    for (const method of METHOD_NAMES.filter((m) => m !== 'auth.logout')) {
      const { result, unchanged } = await run(w, await callerFor(w, method), method);
      if (refusedOnServer(method)) {
        // The only answer on a server, and it writes nothing.
        expect({ method, result, unchanged }).toEqual({ method, result: { ok: false, error: SERVER_REFUSAL }, unchanged: true });
        continue;
      }
      expect({ method, code: result.ok ? 'ok' : result.error.code }).toEqual({ method, code: expectedFailure[method] ?? 'ok' });
    }
    await ok(w.core, w.admin, 'auth.logout', {});
    expect((await fails(w.core, w.admin, 'auth.me', {})).code).toBe('UNAUTHENTICATED');
  });

  it('allows exactly what the permission table grants, for every method and role, and a denial writes nothing', async () => {
    const w = await demoWorld();
    expect(TABLE_METHODS.length).toBeGreaterThan(20);
    // One account per role. The deputy manages 项目运营组 (分管), where every fixture lives, so
    // "group" scope reaches the records the inputs touch.
    const tokens = new Map<string, string>();
    // The lead leads it, so a lead's "group" scope reaches them too.
    for (const role of ROLES) {
      const employee = role === 'deputy' || role === 'lead' ? await newEmployee(w, null) : null;
      if (employee && role === 'deputy') await ok(w.core, w.admin, 'org.deputies.assign', { employeeId: employee.id, groupIds: [w.opsGroupId] });
      if (employee && role === 'lead') {
        const ops = (await ok(w.core, w.admin, 'org.groups.list', {})).find((g) => g.id === w.opsGroupId)!;
        await ok(w.core, w.admin, 'org.groups.update', { id: ops.id, name: ops.name, description: ops.description, leadEmployeeId: employee.id });
      }
      tokens.set(role, (await signedInUser(w, [role], employee?.id ?? null)).token);
    }
    const observed: string[] = [];
    const expected: string[] = [];
    for (const method of TABLE_METHODS) {
      const permission = contract[method].permission as TablePermission;
      for (const role of ROLES) {
        const allowed = scopeFor([role], permission) !== null;
        const { result, unchanged } = await run(w, tokens.get(role)!, method);
        if (allowed) expected.push(`${method} ${role}`);
        if (result.ok) observed.push(`${method} ${role}`);
        else if (refusedOnServer(method) && result.error.code !== 'FORBIDDEN') {
          // Past the permission check, the server's refusal (and nothing written).
          expect({ method, role, error: result.error, unchanged }).toEqual({ method, role, error: SERVER_REFUSAL, unchanged: true });
          observed.push(`${method} ${role}`);
        } else {
          expect({ method, role, error: result.error }).toEqual({ method, role, error: allowed ? expect.anything() : { code: 'FORBIDDEN', message: 'error.forbidden' } });
          expect({ method, role, unchanged }).toEqual({ method, role, unchanged: true });
        }
      }
    }
    expect(observed).toEqual(expected);
  });

  it('limits a deputy to the groups they manage (分管)', async () => {
    const w = await demoWorld();
    const deputy1 = await login(w.core, 'deputy1'); // 项目运营组
    const deputy2 = await login(w.core, 'deputy2'); // 数据分析组, 客户服务组
    const list = async (no: string) => (await ok(w.core, w.admin, 'org.employees.list', { search: no })).rows[0]!;
    const inOps = await ok(w.core, w.admin, 'org.employees.get', { id: (await list('YY009')).id });
    const inData = await ok(w.core, w.admin, 'org.employees.get', { id: (await list('YY013')).id });
    const dataGroupId = inData.groupId!;

    expect((await ok(w.core, deputy1, 'org.employees.update', { ...updateInput(inOps), phone: '13911112222' })).phone).toBe('13911112222');
    const before = await fingerprint(w.core);
    const outOfScope = { code: 'FORBIDDEN', message: 'error.outOfScope' };
    expect(await fails(w.core, deputy1, 'org.employees.update', { ...updateInput(inData), phone: '13911112222' })).toEqual(outOfScope);
    expect(await fails(w.core, deputy1, 'org.employees.archive', { id: inData.id })).toEqual(outOfScope);
    // Moving an own-group employee into another group, or creating one there, is out of scope too.
    expect(await fails(w.core, deputy1, 'org.employees.update', { ...updateInput(inOps), groupId: dataGroupId })).toEqual(outOfScope);
    const fields = { employeeNo: 'D0001', name: '新人', gender: 'male' as const, hireDate: '2025-01-02', positionId: null, managerId: null };
    expect(await fails(w.core, deputy1, 'org.employees.create', { ...fields, groupId: dataGroupId })).toEqual(outOfScope);
    expect(await fails(w.core, deputy1, 'org.employees.create', { ...fields, groupId: null })).toEqual(outOfScope);
    expect(await fingerprint(w.core)).toBe(before);

    expect((await ok(w.core, deputy1, 'org.employees.create', { ...fields, groupId: w.opsGroupId })).employeeNo).toBe('D0001');
    expect((await ok(w.core, deputy2, 'org.employees.update', { ...updateInput(inData), phone: '13922223333' })).phone).toBe('13922223333');
    // A deputy is not a structure editor.
    expect((await fails(w.core, deputy2, 'org.groups.update', { id: dataGroupId, name: '改名' })).code).toBe('FORBIDDEN');
    // Re-assigning the 分管 groups changes the scope on the next call.
    const deputy2Employee = (await list('YY003')).id;
    await ok(w.core, w.admin, 'org.deputies.assign', { employeeId: deputy2Employee, groupIds: [w.opsGroupId] });
    expect(await fails(w.core, deputy2, 'org.employees.update', { ...updateInput(inData), phone: '13933334444' })).toEqual(outOfScope);
    expect((await ok(w.core, deputy2, 'org.employees.update', { ...updateInput(inOps), name: '吴磊磊' })).name).toBe('吴磊磊');
  });

  it('gives a deputy one answer about their own employee record: attach to it and edit it alike', async () => {
    const w = await demoWorld();
    const deputy1 = await login(w.core, 'deputy1'); // 李晓梅 (YY002), no group of her own; manages 项目运营组
    const own = await ok(w.core, w.admin, 'org.employees.get', { id: (await ok(w.core, w.admin, 'org.employees.list', { search: 'YY002' })).rows[0]!.id });
    expect(own.groupId).toBeNull();
    const file = { fileName: '证书.txt', contentBase64: Buffer.from('证书').toString('base64') };
    expect((await ok(w.core, deputy1, 'attachments.upload', { entity: 'employee', recordId: own.id, file })).fileName).toBe('证书.txt');
    expect((await ok(w.core, deputy1, 'org.employees.update', { ...updateInput(own), phone: '13955556666' })).phone).toBe('13955556666');
    // Own record or not, moving it into a group needs that group in scope.
    const dataGroupId = (await ok(w.core, w.admin, 'org.groups.list', {})).find((g) => g.name === '数据分析组')!.id;
    const before = await fingerprint(w.core);
    expect(await fails(w.core, deputy1, 'org.employees.update', { ...updateInput(own), groupId: dataGroupId })).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
    expect(await fingerprint(w.core)).toBe(before);
    // A colleague outside her groups: neither.
    const other = (await ok(w.core, w.admin, 'org.employees.list', { search: 'YY013' })).rows[0]!;
    expect(await fails(w.core, deputy1, 'attachments.upload', { entity: 'employee', recordId: other.id, file })).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
    expect(await fails(w.core, deputy1, 'org.employees.archive', { id: other.id })).toEqual({ code: 'FORBIDDEN', message: 'error.outOfScope' });
  });

  it('grants org.contacts department-wide to admin, manager and HR, per group to deputies and leads, not to staff', () => {
    expect(Object.fromEntries(ROLES.map((r) => [r, scopeFor([r], 'org.contacts')]))).toEqual({
      admin: 'department',
      manager: 'department',
      hr: 'department',
      deputy: 'group',
      lead: 'group',
      staff: null,
    });
    // Whoever may edit employees may see their contact details.
    for (const role of ROLES) if (scopeFor([role], 'org.write')) expect(scopeFor([role], 'org.contacts'), role).toBe(scopeFor([role], 'org.write'));
  });

  it('refuses calls without a valid session', async () => {
    const w = await demoWorld();
    const unauthenticated = { code: 'UNAUTHENTICATED', message: 'error.unauthenticated' };
    for (const method of ['org.employees.list', 'auth.me', 'reminders.create', 'users.create', 'org.groups.create'] as const) {
      const input = await VALID_INPUT[method](w);
      const snapshot = await fingerprint(w.core);
      expect(await fails(w.core, null, method, input)).toEqual(unauthenticated);
      expect(await fails(w.core, 'not-a-token', method, input)).toEqual(unauthenticated);
      expect(await fingerprint(w.core)).toBe(snapshot);
    }
    expect((await call(w.core, null, 'setup.status', {})).ok).toBe(true);
  });

  it('lets a user who must change their password call only auth.me, changePassword, logout and setLocale', async () => {
    const w = await demoWorld();
    const user = await newUser(w, ['admin']);
    const token = await login(w.core, user.username, 'Temp-pass-1');
    expect((await ok(w.core, token, 'auth.me', {})).user.mustChangePassword).toBe(true);
    const allowed = new Set<MethodName>(['auth.me', 'auth.changePassword', 'auth.logout', 'auth.setLocale']);
    for (const method of SESSION_METHODS.filter((m) => !allowed.has(m))) {
      const { result, unchanged } = await run(w, token, method);
      expect({ method, result, unchanged }).toEqual({ method, result: { ok: false, error: { code: 'FORBIDDEN', message: 'error.mustChangePassword' } }, unchanged: true });
    }
    await ok(w.core, token, 'auth.setLocale', { locale: 'en-US' });
    await ok(w.core, token, 'auth.changePassword', { currentPassword: 'Temp-pass-1', newPassword: 'Fresh-pass-3' });
    expect((await ok(w.core, token, 'users.list', {})).total).toBeGreaterThan(0);
  });
});

