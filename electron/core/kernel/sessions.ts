import crypto from 'node:crypto';

/** Sessions end after this long without a call, and at the latest this long after login. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 24 * 60 * 60 * 1000;

interface SessionEntry {
  userId: string;
  createdAt: number;
  lastSeenAt: number;
}

/**
 * Sign-in sessions, held in memory: a restart signs everyone out, which for a desktop app is the
 * expected behaviour, and reading never writes to the database. Tokens are 256 random bits; only
 * their SHA-256 is kept so a memory dump of the map does not yield usable tokens.
 */
export class SessionStore {
  private readonly byHash = new Map<string, SessionEntry>();

  create(userId: string, now: Date): string {
    const token = crypto.randomBytes(32).toString('base64url');
    this.byHash.set(hash(token), { userId, createdAt: now.getTime(), lastSeenAt: now.getTime() });
    return token;
  }

  /** The user id of a live session, refreshing its idle timer; null when unknown or expired. */
  resolve(token: string, now: Date): string | null {
    const key = hash(token);
    const entry = this.byHash.get(key);
    if (!entry) return null;
    const t = now.getTime();
    if (t - entry.lastSeenAt > SESSION_IDLE_MS || t - entry.createdAt > SESSION_MAX_MS) {
      this.byHash.delete(key);
      return null;
    }
    entry.lastSeenAt = t;
    return entry.userId;
  }

  revoke(token: string): void {
    this.byHash.delete(hash(token));
  }

  /** Signs a user out everywhere (disabled account, password reset). */
  revokeUser(userId: string, exceptToken?: string): void {
    const keep = exceptToken ? hash(exceptToken) : null;
    for (const [key, entry] of this.byHash) if (entry.userId === userId && key !== keep) this.byHash.delete(key);
  }
}

function hash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
