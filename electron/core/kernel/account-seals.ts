import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { UserEntity, UserRoleEntity, type UserRecord } from '../modules/auth/entities.js';
import type { ChainKeys } from './audit-chain.js';
import type { Ctx } from './context.js';
import { AccountSealEntity } from './entities.js';

/**
 * Account seals: a keyed digest of what decides who can sign in and what they may do - username,
 * password hash, disabled, must-change-password, the linked employee (own records, group scope)
 * and the roles. The core re-seals an account only when it changes one of those on purpose (the
 * actions in SEALING_ACTIONS, kernel/audit.ts), so an `INSERT INTO user_roles` made with the
 * sqlite3 tool leaves a digest that no longer matches, and doctor names the account. Other rows
 * about an account (a failed sign-in, a language change) must not renew it: they would turn the
 * forged roles into sealed ones. Before such a change, and at each sign-in, the core compares the
 * seal and records an `accountTampered` incident when it does not match (recordIfTampered).
 *
 * Left out on purpose: the failed-sign-in count, lock time, last sign-in, display name and
 * language. They change on every sign-in attempt, and forging them gains nothing that editing the
 * password hash would not (which is sealed).
 */
function digestOf(keys: ChainKeys, user: UserRecord, roles: string[]): string {
  const fields = [user.id, user.username, user.passwordHash, user.disabled, user.mustChangePassword, user.employeeId, [...roles].sort()];
  return crypto.createHmac('sha256', keys.accounts).update(JSON.stringify(fields)).digest('hex');
}

async function rolesByUser(manager: EntityManager, userIds: string[] | null): Promise<Map<string, string[]>> {
  const rows = await manager.getRepository(UserRoleEntity).find(userIds ? { where: { userId: In(userIds) } } : {});
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.role]);
  return map;
}

/** Seals the accounts as they are now (all of them when `userIds` is null), in the caller's transaction. */
export async function sealAccounts(manager: EntityManager, keys: ChainKeys, userIds: string[] | null, nowIso: string): Promise<void> {
  if (userIds && userIds.length === 0) return;
  const users = await manager.getRepository(UserEntity).find(userIds ? { where: { id: In(userIds) } } : {});
  const roles = await rolesByUser(manager, userIds);
  const seals = manager.getRepository(AccountSealEntity);
  for (const user of users) {
    await seals.upsert({ userId: user.id, username: user.username, digest: digestOf(keys, user, roles.get(user.id) ?? []), sealedAt: nowIso }, ['userId']);
  }
  // An account the core removed takes its seal with it.
  const gone = (userIds ?? []).filter((id) => !users.some((u) => u.id === id));
  if (gone.length > 0) await seals.delete({ userId: In(gone) });
}

/** The audit actions on an account that change what its seal covers; they renew the seal. */
export const SEALING_ACTIONS: ReadonlySet<string> = new Set(['create', 'update', 'disable', 'enable', 'resetPassword', 'changePassword']);

/** Whether the account's seal matches it as it is now (an account that is not there matches). */
async function sealMatches(manager: EntityManager, keys: ChainKeys, userId: string): Promise<{ matches: boolean; username: string }> {
  const user = await manager.getRepository(UserEntity).findOne({ where: { id: userId } });
  if (!user) return { matches: true, username: '' };
  const seal = await manager.getRepository(AccountSealEntity).findOne({ where: { userId } });
  const roles = (await rolesByUser(manager, [userId])).get(userId) ?? [];
  return { matches: seal?.digest === digestOf(keys, user, roles), username: user.username };
}

/**
 * Before the core renews an account's seal, and at each sign-in: when the account was changed
 * outside the core, the audit log says so (an `accountTampered` row naming it) before anything
 * else happens, so renewing the seal or signing in does not hide it.
 */
export async function recordIfTampered(ctx: Ctx, userId: string): Promise<void> {
  const { matches, username } = await sealMatches(ctx.manager, ctx.services.auditChain.keys, userId);
  if (!matches) await ctx.audit({ entity: 'audit', recordId: null, action: 'accountTampered', after: { userId, username } });
}

export interface AccountsCheck {
  ok: boolean;
  /** Usernames of accounts changed outside the core (or created there: no seal at all). */
  tampered: string[];
  /** Usernames of sealed accounts that are no longer in the database. */
  removed: string[];
}

export async function checkAccounts(manager: EntityManager, keys: ChainKeys): Promise<AccountsCheck> {
  const users = await manager.getRepository(UserEntity).find({ order: { username: 'ASC' } });
  const roles = await rolesByUser(manager, null);
  const seals = new Map((await manager.getRepository(AccountSealEntity).find()).map((s) => [s.userId, s]));
  const tampered = users.filter((u) => seals.get(u.id)?.digest !== digestOf(keys, u, roles.get(u.id) ?? [])).map((u) => u.username);
  const present = new Set(users.map((u) => u.id));
  const removed = [...seals.values()].filter((s) => !present.has(s.userId)).map((s) => s.username).sort();
  return { ok: tampered.length === 0 && removed.length === 0, tampered, removed };
}
