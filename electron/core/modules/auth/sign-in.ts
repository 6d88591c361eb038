import type { LoginOutput } from '../../../../shared/api/auth.js';
import type { ParsedInputOf } from '../../../../shared/api/index.js';
import { DEFAULT_LOCALE } from '../../../../shared/domain/locale.js';
import { recordIfTampered } from '../../kernel/account-seals.js';
import { requireActor, type Actor, type Ctx } from '../../kernel/context.js';
import { AppError, fieldError, unauthenticated } from '../../kernel/errors.js';
import { scopeGroups } from './actor.js';
import { UserEntity, type UserRecord } from './entities.js';
import { burnVerification, hashPassword, verifyPassword } from './passwords.js';
import { assertStrongPassword, findByUsername, rolesOf, sessionUser } from './service.js';
import { clearUsername, loginKeys, recordLoginFailure, retryAfterSeconds } from './throttle.js';

/**
 * Sign-in and a user's own password change. Both are declared `transaction: 'handler'`: the scrypt
 * (about 0.3 s each) runs off the database connection (ctx.unlocked), so the other users' calls
 * go on meanwhile, and the writes happen in a short transaction afterwards. What was read before
 * the scrypt may have changed during it (another guess, a reset by an administrator), so the
 * transaction decides again on what is stored then.
 */

/** Wrong current passwords in a row (auth.changePassword) after which the account's sessions end. */
export const CURRENT_PASSWORD_GUESSES = 5;

const tooManyAttempts = (retryAfterSeconds: number, fields?: Record<string, string>) =>
  new AppError(fields ? 'VALIDATION' : 'UNAUTHENTICATED', 'error.tooManyAttempts', fields, { retryAfterSeconds });

/**
 * Attempts on one account take turns (sign-ins and own password changes, by username): each
 * starts once the one before has been counted, so the throttle and the sign-out after repeated
 * wrong current passwords see every earlier attempt, and a burst of guesses at one account costs
 * its scrypts one after another, refused cheaply once slowed down. The wait itself is off the
 * connection. Across accounts the scrypts still take turns in passwords.ts.
 */
const turns = new Map<string, Promise<void>>();

async function inTurn<T>(ctx: Ctx, username: string, attempt: () => Promise<T>): Promise<T> {
  const key = username.normalize('NFKC').toLowerCase();
  const previous = turns.get(key);
  let done!: () => void;
  const mine = new Promise<void>((resolve) => (done = resolve));
  const line = (previous ?? Promise.resolve()).then(() => mine);
  turns.set(key, line);
  try {
    if (previous) await ctx.unlocked(() => previous);
    return await attempt();
  } finally {
    done();
    if (turns.get(key) === line) turns.delete(key);
  }
}

/** The stored account is still the one whose hash the password was checked against. */
const unchanged = (checked: UserRecord | null, now: UserRecord | null): now is UserRecord =>
  checked !== null && now !== null && now.id === checked.id && now.passwordHash === checked.passwordHash;

/**
 * Signs in. Unknown, disabled and slowed-down accounts answer alike for a wrong password (same
 * code, message and about the same time: an unknown name still runs one scrypt), so the answer
 * does not tell which accounts exist; see throttle.ts for the growing delays. Failures are
 * audited with the username tried; their writes are committed although the call fails.
 */
export function login(ctx: Ctx, input: ParsedInputOf<'auth.login'>): Promise<LoginOutput> {
  return inTurn(ctx, input.username, () => loginInTurn(ctx, input));
}

async function loginInTurn(ctx: Ctx, input: ParsedInputOf<'auth.login'>): Promise<LoginOutput> {
  const keys = loginKeys(input.username, ctx.source);
  const wait = await retryAfterSeconds(ctx.manager, keys, ctx.now);
  if (wait !== null) throw tooManyAttempts(wait);
  const checked = await findByUsername(ctx.manager, input.username);
  const passwordOk = await ctx.unlocked(async () => {
    if (checked) return verifyPassword(input.password, checked.passwordHash);
    await burnVerification(ctx.services.passwordCost); // as long as a real check
    return false;
  });
  return ctx.withTransaction(async (tx) => {
    // Guesses made in parallel all passed the check above: the first failure recorded slows the
    // others down here, before their answer tells whether they were right.
    const waitNow = await retryAfterSeconds(tx.manager, keys, tx.now);
    if (waitNow !== null) throw tooManyAttempts(waitNow);
    const user = await findByUsername(tx.manager, input.username);
    if (!passwordOk || !unchanged(checked, user)) return loginFailed(tx, input.username, user, keys);
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabled) throw new AppError('UNAUTHENTICATED', 'error.accountDisabled');
    await recordIfTampered(tx, user.id);
    await clearUsername(tx.manager, user.username);
    await tx.manager.getRepository(UserEntity).update({ id: user.id }, { lastLoginAt: tx.nowIso });
    await tx.audit({ entity: 'user', recordId: user.id, action: 'login', after: { username: user.username } });
    const roles = await rolesOf(tx.manager, user.id);
    const token = tx.services.sessions.create(user.id, tx.now);
    return { token, user: sessionUser(user, roles, await scopeGroups(tx.manager, roles, user.employeeId)) };
  });
}

/** Counts and audits a failed sign-in; the call then fails with invalid credentials after the commit. */
async function loginFailed(tx: Ctx, username: string, user: UserRecord | null, keys: ReturnType<typeof loginKeys>): Promise<LoginOutput> {
  const failures = await recordLoginFailure(tx.manager, keys, tx.now);
  const retry = await retryAfterSeconds(tx.manager, keys, tx.now);
  await tx.audit({
    entity: 'user',
    recordId: user?.id ?? null,
    // The audit log names who tried, also for a name no account has.
    username: user?.username ?? username,
    action: 'loginFailed',
    after: { username, failedLogins: failures, ...(retry === null ? {} : { retryAfterSeconds: retry }) },
  });
  tx.failAfterCommit(new AppError('UNAUTHENTICATED', 'error.invalidCredentials'));
  return placeholderLogin();
}

/** Returned alongside failAfterCommit; the dispatcher replaces it with the error. */
function placeholderLogin(): LoginOutput {
  return {
    token: '',
    user: { id: '', username: '', displayName: '', roles: [], employeeId: null, locale: DEFAULT_LOCALE, mustChangePassword: false, groupIds: [] },
  };
}

/**
 * A user changes their own password: the current one is checked and the new one hashed off the
 * connection; a password changed meanwhile by someone else is a conflict, nothing is stored.
 */
export function changePassword(ctx: Ctx, input: ParsedInputOf<'auth.changePassword'>): Promise<null> {
  const actor = requireActor(ctx);
  return inTurn(ctx, actor.username, async () => {
    // A wrong guess before this one may have ended the session (the fifth in a row).
    if (!ctx.token || !ctx.services.sessions.resolve(ctx.token, ctx.now)) throw unauthenticated();
    return changePasswordInTurn(ctx, actor, input);
  });
}

async function changePasswordInTurn(ctx: Ctx, actor: Actor, input: ParsedInputOf<'auth.changePassword'>): Promise<null> {
  const checked = await ctx.manager.getRepository(UserEntity).findOneOrFail({ where: { id: actor.userId } });
  const keys = loginKeys(checked.username, ctx.source);
  const wait = await retryAfterSeconds(ctx.manager, keys, ctx.now);
  if (wait !== null) throw tooManyAttempts(wait, { currentPassword: 'validation.tooManyAttempts' });
  if (!(await ctx.unlocked(() => verifyPassword(input.currentPassword, checked.passwordHash)))) {
    return ctx.withTransaction((tx) => wrongCurrentPassword(tx, checked, keys));
  }
  if (input.currentPassword === input.newPassword) throw fieldError('newPassword', 'validation.passwordUnchanged');
  await assertStrongPassword(ctx, 'newPassword', input.newPassword, checked);
  const passwordHash = await ctx.unlocked(() => hashPassword(input.newPassword, ctx.services.passwordCost));
  return ctx.withTransaction(async (tx) => {
    // As at sign-in: decided again on what is stored now.
    const waitNow = await retryAfterSeconds(tx.manager, keys, tx.now);
    if (waitNow !== null) throw tooManyAttempts(waitNow, { currentPassword: 'validation.tooManyAttempts' });
    const user = await tx.manager.getRepository(UserEntity).findOne({ where: { id: checked.id } });
    if (!unchanged(checked, user)) throw new AppError('CONFLICT', 'error.passwordChangedMeanwhile', { currentPassword: 'validation.passwordChangedMeanwhile' });
    await recordIfTampered(tx, user.id);
    await tx.manager.getRepository(UserEntity).update({ id: user.id }, { passwordHash, mustChangePassword: false, updatedAt: tx.nowIso });
    await tx.audit({ entity: 'user', recordId: user.id, action: 'changePassword' });
    // Other sessions of this user end; this one stays signed in.
    tx.afterCommit(() => tx.services.sessions.revokeUser(user.id, tx.token ?? undefined));
    return null;
  });
}

/**
 * Guessing the current password at an unattended, signed-in desk counts like failed sign-ins
 * (the same counter, the same delays); the fifth in a row also ends the account's sessions.
 */
async function wrongCurrentPassword(tx: Ctx, user: UserRecord, keys: ReturnType<typeof loginKeys>): Promise<null> {
  const failures = await recordLoginFailure(tx.manager, keys, tx.now);
  await tx.audit({ entity: 'user', recordId: user.id, action: 'wrongCurrentPassword', after: { username: user.username, failedLogins: failures } });
  if (failures >= CURRENT_PASSWORD_GUESSES) tx.afterCommit(() => tx.services.sessions.revokeUser(user.id));
  tx.failAfterCommit(fieldError('currentPassword', 'validation.wrongPassword'));
  return null;
}
