import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { LoginThrottleEntity, type LoginThrottleRecord } from './entities.js';

/**
 * Slowing down password guessing, instead of locking accounts (a lock let anyone lock the last
 * administrator out, and answered differently from an unknown name).
 *
 * Counters are kept per username (known or not: a guesser cannot tell them apart) and per source
 * where the transport knows a remote one (a future team server: the caller's address; the desktop
 * app's IPC, the CLI and the loopback-only bridge are this machine and pass none). After `free` failures in a row an attempt must wait, 1 s at
 * first, doubling with each further failure up to `capMs`:
 *
 *   username: 3 free, then 1, 2, 4, 8, 16, 30, 30... s  -> at most ~2,900 guesses a day per name
 *   source:  10 free, then 1, 2, 4, ... 60, 60... s      -> at most ~1,400 a day per address
 *
 * An attempt made too early is refused before the password is checked and writes nothing, so it
 * neither extends the wait nor fills the audit log. The call queue is never held: nothing sleeps.
 * The owner, the last administrator included, always gets in at most 30 s after the last wrong
 * guess (60 s if their address is the one guessing); an administrator (users page) or anyone at
 * the machine (`opsdesk users unlock U`) can clear a username's counter at once. A success clears
 * the username's counter; every counter is forgotten after an hour without failures.
 *
 * Keys are buckets of a hash, so the table holds at most NAME_BUCKETS + SOURCE_BUCKETS rows
 * however many names are tried, and never the names themselves. Two names in one bucket share a
 * counter (with 4,096 buckets, rare; harmless beyond a shared wait).
 */
export interface ThrottleRule {
  free: number;
  baseMs: number;
  capMs: number;
}

export const USERNAME_RULE: ThrottleRule = { free: 3, baseMs: 1000, capMs: 30_000 };
export const SOURCE_RULE: ThrottleRule = { free: 10, baseMs: 1000, capMs: 60_000 };
export const FORGET_AFTER_MS = 60 * 60 * 1000;
export const NAME_BUCKETS = 4096;
export const SOURCE_BUCKETS = 4096;

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

/** How people type a username: case, full-width forms and surrounding spaces do not matter. */
export function normaliseUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

function bucket(text: string, buckets: number): number {
  return crypto.createHash('sha256').update(text).digest().readUInt32BE(0) % buckets;
}

export function nameKey(username: string): ThrottleKey {
  return { key: `name:${bucket(normaliseUsername(username), NAME_BUCKETS)}`, rule: USERNAME_RULE };
}

export function sourceKey(source: string): ThrottleKey {
  return { key: `source:${bucket(source, SOURCE_BUCKETS)}`, rule: SOURCE_RULE };
}

/** The counters a sign-in attempt for `username` from `source` is measured against. */
export function loginKeys(username: string, source: string | null): ThrottleKey[] {
  return source ? [nameKey(username), sourceKey(source)] : [nameKey(username)];
}

/** The wait after `failures` failures in a row (0 while still free). */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** (failures - rule.free));
}

/** A counter still in force at `now`: an hour without failures forgets it. */
function live(record: LoginThrottleRecord | undefined, now: Date): LoginThrottleRecord | null {
  if (!record) return null;
  return now.getTime() - Date.parse(record.lastFailureAt) < FORGET_AFTER_MS ? record : null;
}

async function records(manager: EntityManager, keys: ThrottleKey[], now: Date): Promise<Map<string, LoginThrottleRecord>> {
  const rows = await manager.getRepository(LoginThrottleEntity).find({ where: { key: In(keys.map((k) => k.key)) } });
  const found = new Map<string, LoginThrottleRecord>();
  for (const row of rows) {
    const current = live(row, now);
    if (current) found.set(row.key, current);
  }
  return found;
}

/** Whole seconds until an attempt is allowed, or null when it is allowed now. */
export async function retryAfterSeconds(manager: EntityManager, keys: ThrottleKey[], now: Date): Promise<number | null> {
  let waitMs = 0;
  for (const record of (await records(manager, keys, now)).values()) {
    if (record.retryAt) waitMs = Math.max(waitMs, Date.parse(record.retryAt) - now.getTime());
  }
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : null;
}

/** Counts one failure against every key; returns the username counter's failures in a row. */
export async function recordLoginFailure(manager: EntityManager, keys: ThrottleKey[], now: Date): Promise<number> {
  const current = await records(manager, keys, now);
  const updated = keys.map(({ key, rule }): LoginThrottleRecord => {
    const failures = (current.get(key)?.failures ?? 0) + 1;
    const delay = delayAfter(failures, rule);
    return { key, failures, lastFailureAt: now.toISOString(), retryAt: delay > 0 ? new Date(now.getTime() + delay).toISOString() : null };
  });
  await manager.getRepository(LoginThrottleEntity).upsert(updated, ['key']);
  return updated[0]!.failures;
}

/** Forgets a username's failures (a success, an administrator's reset, `opsdesk users unlock`). */
export async function clearUsername(manager: EntityManager, username: string): Promise<void> {
  await manager.getRepository(LoginThrottleEntity).delete({ key: nameKey(username).key });
}

/** A username's counter as the users page shows it. */
export interface UsernameThrottle {
  failedLogins: number;
  /** Until when sign-in attempts are refused; null when they are allowed now. */
  lockedUntil: string | null;
}

export async function usernameThrottles(manager: EntityManager, usernames: string[], now: Date): Promise<Map<string, UsernameThrottle>> {
  const keys = new Map(usernames.map((u) => [u, nameKey(u)]));
  const found = await records(manager, [...keys.values()], now);
  const result = new Map<string, UsernameThrottle>();
  for (const [username, { key }] of keys) {
    const record = found.get(key);
    const lockedUntil = record?.retryAt && record.retryAt > now.toISOString() ? record.retryAt : null;
    result.set(username, { failedLogins: record?.failures ?? 0, lockedUntil });
  }
  return result;
}
