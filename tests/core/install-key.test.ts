import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTALL_KEY_FILE, InstallKeyError, loadInstallKey, type KeyProtector } from '../../electron/core/kernel/secrets.js';
import { tempDir } from './support/harness.js';

/** A protector standing for one user's keychain: only the same `who` can unwrap. */
function keychain(who: string): KeyProtector {
  return {
    name: 'safeStorage',
    protect: (key) => Buffer.from(`${who}|${key.toString('hex')}`),
    unprotect: (blob) => {
      const [owner, hex] = blob.toString().split('|');
      if (owner !== who) throw new Error('cannot decrypt');
      return Buffer.from(hex!, 'hex');
    },
  };
}

const stored = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, INSTALL_KEY_FILE), 'utf8')) as { protection: string; key: string };

describe('install key (kernel/secrets.ts)', () => {
  it('is made once per data folder, 32 random bytes in a 0600 file, and read back the same', () => {
    const dir = tempDir();
    const first = loadInstallKey(dir, null);
    expect(first).toMatchObject({ notice: 'created', protection: 'none', file: path.join(dir, INSTALL_KEY_FILE) });
    expect(first.key).toHaveLength(32);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    const again = loadInstallKey(dir, null);
    expect(again).toMatchObject({ notice: null, protection: 'none' });
    expect(again.key.equals(first.key)).toBe(true);
    expect(loadInstallKey(tempDir(), null).key.equals(first.key)).toBe(false);
  });

  it('is wrapped by the keychain when there is one, also a key the CLI made before the app first ran', () => {
    const dir = tempDir();
    const plain = loadInstallKey(dir, null);
    const wrapped = loadInstallKey(dir, keychain('me'));
    expect(wrapped).toMatchObject({ notice: 'wrapped', protection: 'safeStorage' });
    expect(wrapped.key.equals(plain.key)).toBe(true);
    expect(stored(dir).protection).toBe('safeStorage');
    // The file no longer holds the key itself.
    expect(fs.readFileSync(wrapped.file, 'utf8')).not.toContain(plain.key.toString('base64'));
    expect(fs.statSync(wrapped.file).mode & 0o777).toBe(0o600);
    expect(loadInstallKey(dir, keychain('me')).key.equals(plain.key)).toBe(true);
    // No temporary files left from the replacement.
    expect(fs.readdirSync(dir)).toEqual([INSTALL_KEY_FILE]);
  });

  it('refuses, with a clear message, a wrapped key to a process without the keychain (plain-Node CLI, browser mode)', () => {
    const dir = tempDir();
    loadInstallKey(dir, keychain('me'));
    const error = (() => {
      try {
        loadInstallKey(dir, null);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(InstallKeyError);
    expect(error).toMatchObject({ reason: 'needsKeychain', message: expect.stringContaining('OpsDesk --cli') });
  });

  it("sets aside a key another user's or computer's keychain wrapped, and makes a new one", () => {
    const dir = tempDir();
    const theirs = loadInstallKey(dir, keychain('someone-else'));
    const mine = loadInstallKey(dir, keychain('me'));
    expect(mine.notice).toBe('replacedUnreadable');
    expect(mine.key.equals(theirs.key)).toBe(false);
    expect(fs.existsSync(mine.setAside!)).toBe(true);
    expect(loadInstallKey(dir, keychain('me')).key.equals(mine.key)).toBe(true);
  });

  it('refuses a damaged key file and a symlink instead of replacing them', () => {
    const damaged = tempDir();
    fs.writeFileSync(path.join(damaged, INSTALL_KEY_FILE), '{"opsdeskInstallKey":1,"protection":"none","key":"c2hvcnQ="}');
    expect(() => loadInstallKey(damaged, null)).toThrow(expect.objectContaining({ reason: 'malformed' }));
    fs.writeFileSync(path.join(damaged, INSTALL_KEY_FILE), 'not json');
    expect(() => loadInstallKey(damaged, null)).toThrow(expect.objectContaining({ reason: 'malformed' }));

    const linked = tempDir();
    const elsewhere = path.join(tempDir(), 'target');
    fs.writeFileSync(elsewhere, 'x');
    fs.symlinkSync(elsewhere, path.join(linked, INSTALL_KEY_FILE));
    expect(() => loadInstallKey(linked, null)).toThrow(InstallKeyError);
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('x');
  });
});
