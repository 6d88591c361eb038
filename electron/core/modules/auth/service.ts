import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { MeOutput, SessionUser, UserRow } from '../../../../shared/api/auth.js';
import type { Page } from '../../../../shared/api/fields.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { DEFAULT_LOCALE, type Locale } from '../../../../shared/domain/locale.js';
import type { Role } from '../../../../shared/domain/roles.js';
import { AppError, conflict, fieldError, notFound } from '../../kernel/errors.js';
import { recordIfTampered } from '../../kernel/account-seals.js';
import { requireActor, type Ctx } from '../../kernel/context.js';
import { containsPattern } from '../../kernel/listing.js';
import { likeClause } from '../../db/sql.js';
import { EmployeeEntity } from '../org/entities.js';
import { getSetting } from '../settings/store.js';
import { passwordProblem } from '../../../../shared/domain/passwords.js';
import { asLocale, asRoles } from './actor.js';
import { UserEntity, UserRoleEntity, type UserRecord } from './entities.js';
import { hashPassword } from './passwords.js';
import { clearUsername, usernameThrottles, type UsernameThrottle } from './throttle.js';

export async function rolesOf(manager: EntityManager, userId: string): Promise<Role[]> {
  return asRoles(await manager.getRepository(UserRoleEntity).find({ where: { userId } }));
}

/** Usernames are unique without regard to case: 'Admin' and 'admin' are one account. */
export function findByUsername(manager: EntityManager, username: string): Promise<UserRecord | null> {
  return manager.getRepository(UserEntity).createQueryBuilder('u').where('LOWER(u.username) = LOWER(:name)', { name: username }).getOne();
}

export async function findUserId(manager: EntityManager, username: string): Promise<string | null> {
  return (await findByUsername(manager, username))?.id ?? null;
}

export function sessionUser(user: UserRecord, roles: Role[], groupIds: string[]): SessionUser {
  return {
    groupIds,
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    employeeId: user.employeeId,
    locale: asLocale(user.locale),
    mustChangePassword: user.mustChangePassword,
  };
}

/** Snapshot of a user for audit rows: never the password hash. */
function auditView(user: UserRecord, roles: Role[]) {
  const { passwordHash: _hash, ...rest } = user;
  return { ...rest, roles };
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  employeeId: string | null;
  locale?: Locale;
  mustChangePassword?: boolean;
}

/**
 * The strength rule with everything the core knows about whose password it is: the schemas see
 * only the names in the same input, the core adds the stored ones (and the department's name).
 */
export async function assertStrongPassword(ctx: Ctx, field: string, password: string, owner: { username: string; displayName: string }): Promise<void> {
  const departmentName = await getSetting(ctx.manager, 'department.name');
  const problem = await passwordProblem(password, { ...owner, departmentName });
  if (problem) throw fieldError(field, problem);
}

/** Creates an account (setup, demo and the admin's user screen all come through here). */
export async function createUser(ctx: Ctx, u: NewUser, passwordField = 'password', prehashed?: string): Promise<UserRecord> {
  const repo = ctx.manager.getRepository(UserEntity);
  if (await findByUsername(ctx.manager, u.username)) throw conflict('error.usernameTaken', { username: 'validation.usernameTaken' });
  // A hash made before the transaction was made of a password already found strong enough.
  if (!prehashed) await assertStrongPassword(ctx, passwordField, u.password, u);
  if (u.employeeId) await assertEmployeeLinkable(ctx.manager, u.employeeId, null);
  const user: UserRecord = {
    id: ctx.services.newId(),
    username: u.username,
    displayName: u.displayName,
    passwordHash: prehashed ?? (await hashPassword(u.password, ctx.services.passwordCost)),
    employeeId: u.employeeId,
    disabled: false,
    // New accounts start in IT's preset language, if any.
    locale: u.locale ?? ctx.services.machine.settings.language ?? DEFAULT_LOCALE,
    mustChangePassword: u.mustChangePassword ?? false,
    lastLoginAt: null,
    createdAt: ctx.nowIso,
    updatedAt: ctx.nowIso,
  };
  await repo.insert(user);
  // The schema allows a role twice (['lead', 'lead']); user_roles holds it once, as users.update does.
  const roles = [...new Set(u.roles)];
  await ctx.manager.getRepository(UserRoleEntity).insert(roles.map((role) => ({ userId: user.id, role })));
  await ctx.audit({ entity: 'user', recordId: user.id, action: 'create', after: auditView(user, roles) });
  return user;
}

async function assertEmployeeLinkable(manager: EntityManager, employeeId: string, userId: string | null): Promise<void> {
  const employee = await manager.getRepository(EmployeeEntity).findOne({ where: { id: employeeId } });
  if (!employee || employee.archivedAt) throw fieldError('employeeId', 'validation.unknownEmployee');
  const other = await manager.getRepository(UserEntity).findOne({ where: { employeeId } });
  if (other && other.id !== userId) throw conflict('error.employeeHasAccount', { employeeId: 'validation.employeeHasAccount' });
}

export async function me(ctx: Ctx): Promise<MeOutput> {
  const actor = requireActor(ctx);
  const user = await ctx.manager.getRepository(UserEntity).findOneOrFail({ where: { id: actor.userId } });
  return { user: sessionUser(user, actor.roles, actor.groupIds), departmentName: (await getSetting(ctx.manager, 'department.name')) ?? '' };
}

export function logout(ctx: Ctx): null {
  if (ctx.token) ctx.services.sessions.revoke(ctx.token);
  return null;
}

export async function setLocale(ctx: Ctx, input: ParsedInputOf<'auth.setLocale'>): Promise<null> {
  const actor = requireActor(ctx);
  if (ctx.services.machine.settings.locked?.includes('language')) throw new AppError('FORBIDDEN', 'error.settingLocked');
  await ctx.manager.getRepository(UserEntity).update({ id: actor.userId }, { locale: input.locale, updatedAt: ctx.nowIso });
  await ctx.audit({ entity: 'user', recordId: actor.userId, action: 'setLocale', before: { locale: actor.locale }, after: { locale: input.locale } });
  return null;
}

// ---- administration of accounts -------------------------------------------------------------

async function userRows(manager: EntityManager, users: UserRecord[], now: Date): Promise<UserRow[]> {
  if (users.length === 0) return [];
  const throttles = await usernameThrottles(manager, users.map((u) => u.username), now);
  const roleRows = await manager.getRepository(UserRoleEntity).find({ where: { userId: In(users.map((u) => u.id)) } });
  const employeeIds = users.map((u) => u.employeeId).filter((id): id is string => id !== null);
  const employees = employeeIds.length
    ? await manager.getRepository(EmployeeEntity).find({ where: { id: In(employeeIds) }, select: { id: true, name: true } })
    : [];
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: asRoles(roleRows.filter((r) => r.userId === u.id)),
    employeeId: u.employeeId,
    employeeName: employees.find((e) => e.id === u.employeeId)?.name ?? null,
    disabled: u.disabled,
    ...throttles.get(u.username)!,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  }));
}

async function userRow(ctx: Ctx, id: string): Promise<UserRow> {
  const user = await ctx.manager.getRepository(UserEntity).findOne({ where: { id } });
  if (!user) throw notFound();
  return (await userRows(ctx.manager, [user], ctx.now))[0]!;
}

const USER_SORT: Record<string, string> = {
  username: 'u.username',
  displayName: 'u.display_name',
  createdAt: 'u.created_at',
  lastLoginAt: 'u.last_login_at',
};

export async function listUsers(ctx: Ctx, input: ParsedInputOf<'users.list'>): Promise<Page<UserRow>> {
  const qb = ctx.manager.getRepository(UserEntity).createQueryBuilder('u');
  if (input.search) {
    qb.andWhere(`(${likeClause(ctx.manager, 'u.username', 's')} OR ${likeClause(ctx.manager, 'u.display_name', 's')})`, { s: containsPattern(input.search) });
  }
  if (input.disabled !== undefined) qb.andWhere('u.disabled = :d', { d: input.disabled ? 1 : 0 });
  if (input.role) qb.andWhere('u.id IN (SELECT r.user_id FROM user_roles r WHERE r.role = :role)', { role: input.role });
  const total = await qb.getCount();
  const dir = input.sortOrder === 'desc' ? 'DESC' : 'ASC';
  // Never signed in (NULL) sorts as the oldest on both engines; the id keeps pages stable.
  const users = await qb
    .orderBy(USER_SORT[input.sortField ?? 'username']!, dir, dir === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST')
    .addOrderBy('u.id', dir)
    .skip((input.page - 1) * input.pageSize)
    .take(input.pageSize)
    .getMany();
  return { rows: await userRows(ctx.manager, users, ctx.now), total, page: input.page, pageSize: input.pageSize };
}

/**
 * The administrator's new account: the cheap checks, then the scrypt off the connection (other
 * calls go on), then the account in a short transaction that checks the name again.
 */
export async function createUserByAdmin(ctx: Ctx, input: ParsedInputOf<'users.create'>): Promise<UserRow> {
  if (await findByUsername(ctx.manager, input.username)) throw conflict('error.usernameTaken', { username: 'validation.usernameTaken' });
  await assertStrongPassword(ctx, 'password', input.password, input);
  const hash = await ctx.unlocked(() => hashPassword(input.password, ctx.services.passwordCost));
  return ctx.withTransaction(async (tx) => {
    const user = await createUser(tx, { ...input, mustChangePassword: true }, 'password', hash);
    return userRow(tx, user.id);
  });
}

/** The last enabled administrator cannot lose the role or be disabled: someone must manage accounts. */
async function assertAdminRemains(manager: EntityManager, userId: string): Promise<void> {
  const admins = await manager
    .getRepository(UserRoleEntity)
    .createQueryBuilder('r')
    .innerJoin('users', 'u', 'u.id = r.user_id')
    .where("r.role = 'admin' AND u.disabled = 0 AND u.id <> :id", { id: userId })
    .getCount();
  if (admins === 0) throw new AppError('INVALID_STATE', 'error.lastAdmin');
}

export async function updateUser(ctx: Ctx, input: ParsedInputOf<'users.update'>): Promise<UserRow> {
  const repo = ctx.manager.getRepository(UserEntity);
  const user = await repo.findOne({ where: { id: input.id } });
  if (!user) throw notFound();
  const roles = await rolesOf(ctx.manager, user.id);
  if (roles.includes('admin') && !input.roles.includes('admin')) await assertAdminRemains(ctx.manager, user.id);
  if (input.employeeId) await assertEmployeeLinkable(ctx.manager, input.employeeId, user.id);
  await recordIfTampered(ctx, user.id);
  await repo.update({ id: user.id }, { displayName: input.displayName, employeeId: input.employeeId, updatedAt: ctx.nowIso });
  const roleRepo = ctx.manager.getRepository(UserRoleEntity);
  await roleRepo.delete({ userId: user.id });
  await roleRepo.insert([...new Set(input.roles)].map((role) => ({ userId: user.id, role })));
  const after = await repo.findOneOrFail({ where: { id: user.id } });
  await ctx.audit({ entity: 'user', recordId: user.id, action: 'update', before: auditView(user, roles), after: auditView(after, input.roles) });
  return userRow(ctx, user.id);
}

export async function setUserDisabled(ctx: Ctx, input: ParsedInputOf<'users.setDisabled'>): Promise<UserRow> {
  const actor = requireActor(ctx);
  const repo = ctx.manager.getRepository(UserEntity);
  const user = await repo.findOne({ where: { id: input.id } });
  if (!user) throw notFound();
  if (input.disabled && user.id === actor.userId) throw new AppError('INVALID_STATE', 'error.cannotDisableSelf');
  if (input.disabled && (await rolesOf(ctx.manager, user.id)).includes('admin')) await assertAdminRemains(ctx.manager, user.id);
  await recordIfTampered(ctx, user.id);
  await repo.update({ id: user.id }, { disabled: input.disabled, updatedAt: ctx.nowIso });
  await ctx.audit({ entity: 'user', recordId: user.id, action: input.disabled ? 'disable' : 'enable', before: { disabled: user.disabled }, after: { disabled: input.disabled } });
  if (input.disabled) ctx.afterCommit(() => ctx.services.sessions.revokeUser(user.id));
  return userRow(ctx, user.id);
}

/** A new temporary password by the administrator: hashed off the connection, then stored. */
export async function resetPassword(ctx: Ctx, input: ParsedInputOf<'users.resetPassword'>): Promise<null> {
  const found = await ctx.manager.getRepository(UserEntity).findOne({ where: { id: input.id } });
  if (!found) throw notFound();
  await assertStrongPassword(ctx, 'newPassword', input.newPassword, found);
  const passwordHash = await ctx.unlocked(() => hashPassword(input.newPassword, ctx.services.passwordCost));
  return ctx.withTransaction(async (tx) => {
    const repo = tx.manager.getRepository(UserEntity);
    const user = await repo.findOne({ where: { id: input.id } });
    if (!user) throw notFound();
    await recordIfTampered(tx, user.id);
    await repo.update({ id: user.id }, { passwordHash, mustChangePassword: true, updatedAt: tx.nowIso });
    await clearUsername(tx.manager, user.username);
    await tx.audit({ entity: 'user', recordId: user.id, action: 'resetPassword' });
    tx.afterCommit(() => tx.services.sessions.revokeUser(user.id));
    return null;
  });
}

/**
 * Clears the sign-in counter of an account, so its owner can try again at once (the users page,
 * and `opsdesk users unlock` for anyone at the machine). Audited with the counter it cleared.
 */
async function unlockUser(ctx: Ctx, user: UserRecord): Promise<UsernameThrottle> {
  const before = (await usernameThrottles(ctx.manager, [user.username], ctx.now)).get(user.username)!;
  await clearUsername(ctx.manager, user.username);
  await ctx.audit({ entity: 'user', recordId: user.id, action: 'unlock', before, after: { failedLogins: 0, lockedUntil: null } });
  return before;
}

export async function unlockUserById(ctx: Ctx, input: ParsedInputOf<'users.unlock'>): Promise<UserRow> {
  const user = await ctx.manager.getRepository(UserEntity).findOne({ where: { id: input.id } });
  if (!user) throw notFound();
  await unlockUser(ctx, user);
  return userRow(ctx, user.id);
}

/** For the CLI: unlocks the account with this username (case-insensitive); NOT_FOUND when none. */
export async function unlockUserByName(ctx: Ctx, username: string): Promise<{ user: UserRow; clearedFailedLogins: number }> {
  const user = await findByUsername(ctx.manager, username);
  if (!user) throw new AppError('NOT_FOUND', 'error.unknownUser');
  const before = await unlockUser(ctx, user);
  return { user: await userRow(ctx, user.id), clearedFailedLogins: before.failedLogins };
}

/** Chinese names in pinyin order (王 after 李), as the pickers show them; SQL would sort by code point. */
const byPinyin = new Intl.Collator('zh-CN').compare;

/** The people a picker offers (a department's accounts: tens to a few hundred, sorted here). */
export async function directoryUsers(ctx: Ctx, input: ParsedInputOf<'directory.users'>) {
  const qb = ctx.manager.getRepository(UserEntity).createQueryBuilder('u').where('u.disabled = :disabled', { disabled: 0 }); // booleans are 0/1 integers on both engines (db/columns.ts)
  if (input.role) qb.andWhere('u.id IN (SELECT r.user_id FROM user_roles r WHERE r.role = :role)', { role: input.role });
  const users = await qb.getMany();
  const rows = await userRows(ctx.manager, users, ctx.now);
  return rows.map((r) => ({ id: r.id, displayName: r.displayName, roles: r.roles })).sort((a, b) => byPinyin(a.displayName, b.displayName) || a.id.localeCompare(b.id));
}
