import type { InputOf } from '../../../shared/api/index.js';
import { login, ok } from './harness.js';
import { demoWorld } from './world.js';
import { exec } from './engine.js';

/**
 * The demo department (electron/core/modules/org/demo.ts) as the leave, correction and
 * discipline tests use it: a signed-in token per account, employee and user ids by name. The
 * clock starts on Monday 2026-03-02, 09:00 in Shanghai. Groups: lead1 (陈静) leads 项目运营组 with
 * staff1 (孙浩) and 周敏 (YY008, no account); deputy1 manages 项目运营组, deputy2 数据分析组 (lead2,
 * staff2) and 客户服务组; manager (王建国) and hr (邓倩) belong to no group.
 */
export const ACCOUNTS = ['manager', 'hr', 'deputy1', 'deputy2', 'lead1', 'lead2', 'staff1', 'staff2'] as const;
export type Account = (typeof ACCOUNTS)[number];

export async function attendancePeople() {
  const w = await demoWorld();
  const token = {} as Record<Account, string>;
  for (const name of ACCOUNTS) token[name] = await login(w.core, name);
  const users = (await ok(w.core, w.admin, 'users.list', { pageSize: 50 })).rows;
  const employees = (await ok(w.core, w.admin, 'org.employees.list', { pageSize: 100 })).rows;
  const employeeOf = (account: Account) => users.find((u) => u.username === account)!.employeeId!;
  const userOf = (account: Account) => users.find((u) => u.username === account)!.id;
  const byNo = (no: string) => employees.find((e) => e.employeeNo === no)!.id;
  return { w, core: w.core, clock: w.clock, token, employeeOf, userOf, byNo };
}

export type People = Awaited<ReturnType<typeof attendancePeople>>;

/** A leave input with the contract's defaults spelled out (whole days). */
export function leaveInput(employeeId: string, over: Partial<InputOf<'attendance.leave.create'>> = {}): InputOf<'attendance.leave.create'> {
  return { employeeId, type: 'personal', startDate: '2026-03-09', startHalf: 'am', endDate: '2026-03-10', endHalf: 'pm', reason: '家中有事', ...over };
}

/** Submits as `as` and returns the leave. */
export async function submitLeave(p: People, as: Account, over: Partial<InputOf<'attendance.leave.create'>> = {}, employeeId = p.employeeOf(as)) {
  return ok(p.core, p.token[as], 'attendance.leave.create', leaveInput(employeeId, over));
}

/** Decides the open request of a leave or correction as `as`. */
export async function decide(p: People, as: Account, requestId: string | null, decision: 'approve' | 'reject', comment?: string) {
  if (!requestId) throw new Error('no open approval request');
  return ok(p.core, p.token[as], 'approvals.decide', { requestId, decision, ...(comment ? { comment } : decision === 'reject' ? { comment: '不同意' } : {}) });
}

/** Locks a month as attendance.month.lock leaves it (the lock row is what every refusal reads). */
export async function lockMonth(p: People, month: string): Promise<void> {
  await exec(p.core, 'INSERT INTO att_month_locks (month, locked_at, locked_by, snapshot) VALUES (?, ?, ?, ?)', [month, '2026-03-02T01:00:00.000Z', p.userOf('hr'), '[]']);
}

export async function unlockMonth(p: People, month: string): Promise<void> {
  await exec(p.core, 'DELETE FROM att_month_locks WHERE month = ?', [month]);
}
