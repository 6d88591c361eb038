import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { UserEntity, UserRoleEntity, type UserRecord } from '../modules/auth/entities.js';
import type { ChainKeys } from './audit-chain.js';
import { AccountSealEntity } from './entities.js';

/**
 * Account seals: a keyed digest of what decides who can sign in and what they may do - username,
 * password hash, disabled, must-change-password, the linked employee (own records, group scope)
 * and the roles. The core re-seals an account whenever it writes an audit row about it (every
 * change to an account is audited, kernel/audit.ts), so an `INSERT INTO user_roles` made with the
 * sqlite3 tool leaves a digest that no longer matches, and doctor names the account.
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
