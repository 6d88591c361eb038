import crypto from 'node:crypto';

/**
 * Password hashing with scrypt (node:crypto) and a random per-user salt. The stored string keeps
 * its own parameters (`scrypt$N$r$p$salt$hash`) so the cost can be raised later without
 * invalidating existing passwords.
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt: N=2^17, r=8, p=1 (about 0.3 s and 128 MiB here). */
export const STANDARD_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** For tests only, where hundreds of accounts are created: same code path, cheaper parameters. */
export const TEST_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 };

const KEY_LENGTH = 32;

/**
 * The end of the line of scrypts. Sign-ins run their scrypt off the database connection
 * (auth/sign-in.ts), so several can be under way at once; each takes 128 MiB at the standard cost,
 * so they take turns here instead of filling libuv's four threads (a flood of guesses at the
 * bridge would otherwise cost 512 MiB), while calls that need no scrypt are not held by them.
 */
let lastScrypt: Promise<unknown> = Promise.resolve();

function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const run = () =>
    new Promise<Buffer>((resolve, reject) =>
      crypto.scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (err, key) =>
        err ? reject(err) : resolve(key),
      ),
    );
  const result = lastScrypt.then(run, run);
  lastScrypt = result.catch(() => undefined);
  return result;
}

export async function hashPassword(password: string, cost: ScryptCost): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await scrypt(password, Buffer.from(parts[4]!, 'base64'), { N, r, p });
  return key.length === expected.length && crypto.timingSafeEqual(key, expected);
}

/**
 * Spends the same time as a real verification when the username is unknown, so the answer's
 * timing does not tell which usernames exist.
 */
export async function burnVerification(cost: ScryptCost): Promise<void> {
  await scrypt('not-a-password', Buffer.alloc(16), cost);
}
