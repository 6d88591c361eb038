import type { Core } from '../../../electron/core/index.js';
import { requestApproval } from '../../../electron/core/kernel/approvals.js';
import type { EmployeeDetail, GroupRow, InputOf, MethodName, PositionRow, UserRow } from '../../../shared/api/index.js';
import type { Role } from '../../../shared/domain/roles.js';
import { ADMIN, initialised, login, ok } from './harness.js';
import { csvUpload, IMPORT_HEADER, upload } from './files.js';
import { ATTENDANCE_INPUT } from './attendance-world.js';

/**
 * A demo department plus the fixtures every method needs a valid input for. Factories in
 * VALID_INPUT create fresh records where a call changes them, so each call of a method (one per
 * role in the permission matrix, many in the fuzz test) can succeed on its own.
 */
export interface World {
  core: Core;
  /** Admin session token; fixtures are created with it. */
  admin: string;
  /** 项目运营组 in the demo data (managed by deputy1). */
  opsGroupId: string;
  positionId: string;
  /** An existing employee in opsGroup, for read-only inputs. */
  employeeId: string;
  seq(): number;
}

export const NEW_PASSWORD = 'Changed-pass-2';

export async function demoWorld(options: Parameters<typeof initialised>[0] = {}): Promise<World & { clock: Awaited<ReturnType<typeof initialised>>['clock']; dir: string }> {
  // The desktop app's file dialog, cancelled at once: backup.pickFile is then a valid call.
  const { core, admin, clock, dir } = await initialised({ demo: true, fileDialog: { pickBackupFile: async () => null }, ...options });
  const groups = await ok(core, admin, 'org.groups.list', {});
  const positions = await ok(core, admin, 'org.positions.list', {});
  const employees = await ok(core, admin, 'org.employees.list', { search: 'YY008' });
  let n = 0;
  return {
    core,
    clock,
    dir,
    admin,
    opsGroupId: groups.find((g) => g.name === '项目运营组')!.id,
    positionId: positions.find((p) => p.title === '专员')!.id,
    employeeId: employees.rows[0]!.id,
    seq: () => ++n,
  };
}

export async function newEmployee(w: World, groupId: string | null = w.opsGroupId): Promise<EmployeeDetail> {
  return ok(w.core, w.admin, 'org.employees.create', employeeFields(w, groupId));
}

export function employeeFields(w: World, groupId: string | null = w.opsGroupId) {
  const n = w.seq();
  return {
    employeeNo: `T${String(n).padStart(4, '0')}`,
    name: `测试员工${n}`,
    gender: 'female' as const,
    groupId,
    positionId: w.positionId as string | null,
    managerId: null as string | null,
    hireDate: '2024-03-01',
  };
}

/** The update input that leaves an employee as it is. */
export function updateInput(e: EmployeeDetail): InputOf<'org.employees.update'> {
  return {
    id: e.id,
    employeeNo: e.employeeNo,
    name: e.name,
    gender: e.gender,
    positionId: e.positionId,
    groupId: e.groupId,
    managerId: e.managerId,
    hireDate: e.hireDate,
    phone: e.phone ?? '',
    email: e.email ?? '',
    status: e.status,
    leftDate: e.leftDate ?? '',
  };
}

export async function newGroup(w: World, archived = false): Promise<GroupRow> {
  const g = await ok(w.core, w.admin, 'org.groups.create', { name: `测试组${w.seq()}`, leadEmployeeId: null });
  return archived ? ok(w.core, w.admin, 'org.groups.archive', { id: g.id }) : g;
}

export async function newPosition(w: World, archived = false): Promise<PositionRow> {
  const p = await ok(w.core, w.admin, 'org.positions.create', { title: `测试岗位${w.seq()}` });
  return archived ? ok(w.core, w.admin, 'org.positions.archive', { id: p.id }) : p;
}

export async function newUser(w: World, roles: Role[] = ['staff'], employeeId: string | null = null): Promise<UserRow> {
  return ok(w.core, w.admin, 'users.create', { username: `user${w.seq()}`, displayName: '测试账号', password: 'Temp-pass-1', roles, employeeId });
}

/** A user with `roles`, signed in and past the first-login password change; returns id and token. */
export async function signedInUser(w: World, roles: Role[], employeeId: string | null = null): Promise<{ id: string; username: string; token: string }> {
  const user = await newUser(w, roles, employeeId);
  const token = await login(w.core, user.username, 'Temp-pass-1');
  await ok(w.core, token, 'auth.changePassword', { currentPassword: 'Temp-pass-1', newPassword: NEW_PASSWORD });
  return { id: user.id, username: user.username, token };
}

export async function newAttachment(w: World) {
  return ok(w.core, w.admin, 'attachments.upload', {
    entity: 'employee',
    recordId: w.employeeId,
    file: { fileName: `note-${w.seq()}.txt`, contentBase64: Buffer.from(`content ${w.seq()}`).toString('base64') },
  });
}

/** A pending approval on a fresh employee, requested by `requester`, one step for role admin. */
export async function newApproval(w: World, requester: string) {
  const e = await newEmployee(w);
  return w.core.runInternal('test.request', requester, (ctx) =>
    requestApproval(ctx, { entity: 'employee', recordId: e.id, title: `调岗 ${e.name}`, steps: [{ role: 'admin' }] }),
  );
}

export function importFile(w: World) {
  const n = w.seq();
  return csvUpload([IMPORT_HEADER, [`I${String(n).padStart(4, '0')}`, `导入员工${n}`, '男', '专员', '项目运营组', '', '2024/3/1', '13800000000', `i${n}@example.com`, '在职']]);
}

type Factory<M extends MethodName> = (w: World) => InputOf<M> | Promise<InputOf<M>>;

/**
 * A valid input for every contract method, acting as the admin unless noted. Adding a method to
 * the contract without an entry here is a type error, so the permission matrix and the fuzz test
 * cover it from the start.
 */
export const VALID_INPUT: { [M in MethodName]: Factory<M> } = {
  'setup.status': () => ({}),
  'setup.initialize': () => ({ departmentName: '另一个部门', adminUsername: 'intruder', adminPassword: 'Intruder-pass-7' }),
  'auth.login': () => ({ username: ADMIN.username, password: ADMIN.password }),
  'auth.logout': () => ({}),
  'auth.me': () => ({}),
  'auth.changePassword': () => ({ currentPassword: 'Not-the-password-1', newPassword: 'Another-pass-9' }),
  'auth.setLocale': () => ({ locale: 'en-US' }),
  'users.list': () => ({ search: 'user' }),
  'users.create': (w) => ({ username: `new${w.seq()}`, displayName: '新账号', password: 'Temp-pass-1', roles: ['staff'] }),
  'users.update': async (w) => ({ id: (await newUser(w)).id, displayName: '改名', roles: ['staff', 'lead'], employeeId: null }),
  'users.setDisabled': async (w) => ({ id: (await newUser(w)).id, disabled: true }),
  'users.resetPassword': async (w) => ({ id: (await newUser(w)).id, newPassword: 'Reset-pass-1' }),
  'users.unlock': async (w) => ({ id: (await newUser(w)).id }),
  'org.department.get': () => ({}),
  'org.department.update': (w) => ({ name: `运营部${w.seq()}` }),
  'org.groups.list': () => ({}),
  'org.groups.create': (w) => ({ name: `新小组${w.seq()}`, description: '测试', leadEmployeeId: null }),
  'org.groups.update': async (w) => {
    const g = await newGroup(w);
    return { id: g.id, name: `${g.name}改`, description: '新说明', leadEmployeeId: null };
  },
  'org.groups.archive': async (w) => ({ id: (await newGroup(w)).id }),
  'org.groups.restore': async (w) => ({ id: (await newGroup(w, true)).id }),
  'org.positions.list': () => ({}),
  'org.positions.create': (w) => ({ title: `新岗位${w.seq()}`, level: 4, duties: '职责' }),
  'org.positions.update': async (w) => {
    const p = await newPosition(w);
    return { id: p.id, title: `${p.title}改`, level: 3, duties: '新职责' };
  },
  'org.positions.archive': async (w) => ({ id: (await newPosition(w)).id }),
  'org.positions.restore': async (w) => ({ id: (await newPosition(w, true)).id }),
  'org.employees.list': () => ({ pageSize: 5 }),
  'org.employees.get': (w) => ({ id: w.employeeId }),
  'org.employees.create': (w) => employeeFields(w),
  'org.employees.update': async (w) => {
    const e = await newEmployee(w);
    return { ...updateInput(e), name: `${e.name}改` };
  },
  'org.employees.archive': async (w) => ({ id: (await newEmployee(w)).id }),
  'org.employees.restore': async (w) => {
    const e = await newEmployee(w);
    await ok(w.core, w.admin, 'org.employees.archive', { id: e.id });
    return { id: e.id };
  },
  'org.employees.importPreview': (w) => importFile(w),
  'org.employees.importCommit': (w) => importFile(w),
  'org.employees.export': () => ({ search: 'YY00' }),
  'org.employees.importTemplate': () => ({}),
  'org.deputies.list': () => ({}),
  'org.deputies.assign': async (w) => ({ employeeId: (await newEmployee(w)).id, groupIds: [w.opsGroupId] }),
  'org.chart': () => ({}),
  'org.chart.reports': (w) => ({ managerId: w.employeeId }),
  'org.chart.path': (w) => ({ employeeId: w.employeeId }),
  'audit.list': () => ({ pageSize: 5 }),
  'audit.verify': () => ({}),
  'timeline.list': (w) => ({ entity: 'employee', recordId: w.employeeId }),
  'timeline.comment': (w) => ({ entity: 'employee', recordId: w.employeeId, body: '已电话沟通' }),
  'attachments.list': (w) => ({ entity: 'employee', recordId: w.employeeId }),
  'attachments.upload': (w) => ({ entity: 'employee', recordId: w.employeeId, file: upload('合同.txt', `合同 ${w.seq()}`) }),
  'attachments.download': async (w) => ({ id: (await newAttachment(w)).id }),
  'attachments.archive': async (w) => ({ id: (await newAttachment(w)).id }),
  'approvals.mine': () => ({ view: 'pending' }),
  'approvals.forRecord': (w) => ({ entity: 'employee', recordId: w.employeeId }),
  'approvals.decide': async (w) => ({ requestId: (await newApproval(w, 'lead1')).id, decision: 'approve', comment: '同意' }),
  'approvals.cancel': async (w) => ({ requestId: (await newApproval(w, ADMIN.username)).id }),
  'reminders.mine': () => ({ includeDone: true }),
  'reminders.due': () => ({ until: '2026-03-05T00:00:00.000Z' }),
  'reminders.create': () => ({ title: '跟进合同', dueAt: '2026-03-03T01:00:00.000Z' }),
  'reminders.complete': async (w) => ({ id: (await ok(w.core, w.admin, 'reminders.create', { title: '待办', dueAt: '2026-03-03T01:00:00.000Z' })).id }),
  'notifications.list': () => ({ unreadOnly: true }),
  'notifications.markRead': () => ({ all: true }),
  'home.summary': () => ({}),
  'directory.users': () => ({ role: 'lead' }),
  'exports.list': () => ({ list: 'org.positions.list', input: {} }),
  'backup.overview': () => ({}),
  'backup.create': () => ({}),
  'backup.pickFile': () => ({}),
  'backup.inspect': async (w) => ({ file: (await ok(w.core, w.admin, 'backup.create', {})).fileName }),
  'backup.verify': async (w) => ({ file: (await ok(w.core, w.admin, 'backup.create', {})).fileName }),
  'backup.restore': async (w) => ({ file: (await ok(w.core, w.admin, 'backup.create', {})).fileName, confirm: true }),
  'settings.get': () => ({}),
  'settings.update': () => ({ backup: { keepDaily: 10 } }),
  ...ATTENDANCE_INPUT,
};
