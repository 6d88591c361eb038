import type { KeyProtector } from '../core/kernel/secrets.js';
import type { SafeStoragePort } from './ports.js';

/**
 * The install key's protector in the desktop app: Electron's safeStorage, so the key file in the
 * data folder is only usable by the OS user (and on that machine) whose keychain wrapped it
 * (kernel/secrets.ts). Null when the OS offers no real keychain - Linux without a keyring, where
 * safeStorage would fall back to a fixed password: the key then stays a plain 0600 file, as in
 * browser mode, rather than pretend to be protected.
 */
export function keychainProtector(safeStorage: SafeStoragePort, platform: NodeJS.Platform = process.platform): KeyProtector | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    name: 'safeStorage',
    protect: (key) => safeStorage.encryptString(key.toString('hex')),
    unprotect: (blob) => {
      const hex = safeStorage.decryptString(blob);
      if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('not an OpsDesk install key');
      return Buffer.from(hex, 'hex');
    },
  };
}
