import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The install key: 32 random bytes per data folder that key the audit chain, its head checkpoint
 * and the digests of the accounts' security fields (kernel/audit-chain.ts). Whoever can edit the
 * database file but not read this key cannot forge those.
 *
 * Where it lives: `opsdesk.key` in the data folder, beside the database file but never inside
 * it, readable by the OS user only (0600). Beside, because the key belongs to the data folder: the
 * desktop app, browser mode and the CLI open the same folder (also with --data-dir) and must agree
 * on one key, and a folder moved as a whole keeps verifying. Outside the database, because what
 * the issue fears is an edit of the database (the sqlite3 tool on the file, a doctored backup):
 * a backup holds the database and attachments only, never this file. A per-user config folder
 * would protect no better against the same OS user and would lose the key when the folder moves or
 * IT runs the CLI under another account.
 *
 * In the desktop app the key is additionally wrapped by the OS keychain (Electron safeStorage:
 * DPAPI on Windows, the Keychain on macOS): a copy of the folder then holds no usable key, and an
 * attacker who can read the user's files still needs the user's keychain. The app hands in a
 * protector; browser mode and the plain-Node CLI have none and keep the key unwrapped (0600).
 */
export const INSTALL_KEY_FILE = 'opsdesk.key';
export const INSTALL_KEY_BYTES = 32;

/** Wraps the key with something outside the data folder (Electron safeStorage; tests: a fake). */
export interface KeyProtector {
  readonly name: 'safeStorage';
  protect(key: Buffer): Buffer;
  /** Throws when the blob cannot be unwrapped here (another machine or user account). */
  unprotect(blob: Buffer): Buffer;
}

export type KeyProtection = 'none' | 'safeStorage';

export interface InstallKey {
  key: Buffer;
  file: string;
  protection: KeyProtection;
  /** What happened to the file: null when it was simply read. */
  notice: 'created' | 'wrapped' | 'replacedUnreadable' | null;
  /** Where an unreadable key file was moved (notice 'replacedUnreadable'). */
  setAside: string | null;
}

/** The key file cannot be used by this process (wrapped by a keychain it has no access to, malformed). */
export class InstallKeyError extends Error {
  override name = 'InstallKeyError';
  constructor(
    readonly reason: 'needsKeychain' | 'malformed' | 'unwritable',
    message: string,
  ) {
    super(message);
  }
}

interface KeyFile {
  opsdeskInstallKey: 1;
  protection: KeyProtection;
  /** base64 of the key, or of the protector's blob. */
  key: string;
}

function parseKeyFile(text: string): KeyFile | null {
  try {
    const v = JSON.parse(text) as Partial<KeyFile>;
    if (v.opsdeskInstallKey !== 1 || (v.protection !== 'none' && v.protection !== 'safeStorage') || typeof v.key !== 'string') return null;
    return v as KeyFile;
  } catch {
    return null;
  }
}

function encode(key: Buffer, protector: KeyProtector | null): KeyFile {
  return protector
    ? { opsdeskInstallKey: 1, protection: 'safeStorage', key: protector.protect(key).toString('base64') }
    : { opsdeskInstallKey: 1, protection: 'none', key: key.toString('base64') };
}

/** Writes a new file that must not exist yet: exclusive create, so a planted symlink or a racing process is never overwritten. */
function writeExclusive(file: string, content: KeyFile): void {
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeFileSync(fd, `${JSON.stringify(content)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces the file atomically (write a fresh temporary file, then rename over). */
function replace(file: string, content: KeyFile): void {
  const temporary = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  writeExclusive(temporary, content);
  fs.renameSync(temporary, file);
}

function createKey(file: string, protector: KeyProtector | null): InstallKey | null {
  const key = crypto.randomBytes(INSTALL_KEY_BYTES);
  try {
    writeExclusive(file, encode(key, protector));
  } catch (err) {
    // Another process (the CLI beside the app) created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw new InstallKeyError('unwritable', `Cannot create the install key ${file}: ${(err as Error).message}`);
  }
  return { key, file, protection: protector ? 'safeStorage' : 'none', notice: 'created', setAside: null };
}

function decode(file: string, stored: KeyFile, protector: KeyProtector | null): Buffer | 'unreadable' {
  const blob = Buffer.from(stored.key, 'base64');
  if (stored.protection === 'none') return blob;
  if (!protector) {
    throw new InstallKeyError(
      'needsKeychain',
      `The install key ${file} is protected by the OpsDesk desktop app (the OS keychain of the user who runs it). Run this command through the installed app (OpsDesk --cli ...) as that user.`,
    );
  }
  try {
    return protector.unprotect(blob);
  } catch {
    return 'unreadable';
  }
}

/**
 * Reads the data folder's install key, creating it on first use. With a protector, an unwrapped
 * key (made by the CLI or browser mode before the app first ran) is wrapped in place. A wrapped
 * key this keychain cannot open (the folder was copied from another computer or user account) is
 * set aside and a new key made: the app still starts (and tells the user: main/app.ts; the CLI
 * warns on stderr), and doctor reports the audit rows written
 * under the old key as not verifiable (moving to a new PC goes through backup and restore, which
 * re-keys the chain and records it).
 */
export function loadInstallKey(dataDir: string, protector: KeyProtector | null): InstallKey {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.resolve(dataDir), INSTALL_KEY_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!fs.existsSync(file)) {
      const created = createKey(file, protector);
      if (created) return created;
    }
    if (fs.lstatSync(file).isSymbolicLink() || !fs.statSync(file).isFile()) {
      throw new InstallKeyError('malformed', `The install key ${file} is not a regular file.`);
    }
    // Copied with loose permissions (a restore of the folder by hand, an archive tool): tighten them.
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    const stored = parseKeyFile(fs.readFileSync(file, 'utf8'));
    if (!stored) throw new InstallKeyError('malformed', `The install key ${file} is damaged. Restore the data folder from a backup.`);
    const key = decode(file, stored, protector);
    if (key === 'unreadable') {
      const setAside = `${file}.unreadable-${Date.now()}`;
      fs.renameSync(file, setAside);
      const created = createKey(file, protector);
      if (created) return { ...created, notice: 'replacedUnreadable', setAside };
      continue;
    }
    if (key.length !== INSTALL_KEY_BYTES) throw new InstallKeyError('malformed', `The install key ${file} is damaged. Restore the data folder from a backup.`);
    if (stored.protection === 'none' && protector) {
      replace(file, encode(key, protector));
      return { key, file, protection: 'safeStorage', notice: 'wrapped', setAside: null };
    }
    return { key, file, protection: stored.protection, notice: null, setAside: null };
  }
  throw new InstallKeyError('unwritable', `Cannot create the install key ${file}.`);
}
