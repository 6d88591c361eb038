import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { UserEntity } from '../modules/auth/entities.js';

/** Display names for a set of user ids, in one query (lists must not query per row). */
export async function userNames(manager: EntityManager, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (unique.length === 0) return new Map();
  const users = await manager.getRepository(UserEntity).find({ where: { id: In(unique) }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

/** The username of an account, or null when there is none with this id. */
export async function usernameOf(manager: EntityManager, id: string): Promise<string | null> {
  const user = await manager.getRepository(UserEntity).findOne({ where: { id }, select: { id: true, username: true } });
  return user?.username ?? null;
}
