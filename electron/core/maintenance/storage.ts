import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/**
 * Where the data folder lives, for `opsdesk doctor` and the maintenance page: free space, the
 * size of the write-ahead log, and whether the folder is on a network filesystem or inside a
 * synced folder. SQLite relies on file locks and on the -wal file staying next to the database;
 * network filesystems get locking wrong and sync programs copy the file mid-write, either of
 * which can corrupt it (notes/reliability-and-security.md, "SQLite durability").
 *
 * The detection functions are pure (paths, statfs numbers and mount-table text in, a name out)
 * so they are tested on every platform's samples from any machine; inspectStorage() gathers the
 * inputs through a probe that tests replace.
 */

/** How the data folder is reached over the network; null in reports when it is a local disk. */
export type NetworkDrive =
  | 'unc' // Windows \\server\share (also \\?\UNC\..., \\wsl$\...)
  | 'mappedDrive' // a Windows drive letter mapped to a share (net use)
  | 'nfs'
  | 'smb'
  | 'cifs'
  | 'smb2'
  | 'afp'
  | 'webdav'
  | 'sshfs'
  | 'fuse' // a FUSE filesystem not known to be local (rclone, s3fs, gvfs, ...)
  | 'afs'
  | 'ceph'
  | 'coda'
  | 'ncp'
  | '9p' // WSL's view of Windows drives, VM shares
  | 'network'; // macOS: a filesystem the system does not mark local, of a type not listed here

/** The sync program whose folder holds the data folder; 'CloudStorage' for another macOS File Provider. */
export type SyncedFolder = 'OneDrive' | 'Dropbox' | 'iCloud Drive' | 'Google Drive' | 'Box' | '坚果云' | '百度网盘' | 'CloudStorage';

export interface StorageReport {
  /** Bytes available to this user on the data folder's filesystem; null when the OS does not say. */
  freeBytes: number | null;
  /** Size of the database's -wal file (0 when there is none). */
  walBytes: number;
  networkDrive: NetworkDrive | null;
  syncedFolder: SyncedFolder | null;
}

export type StorageWarningKey = 'doctor.lowDisk' | 'doctor.largeWal' | 'doctor.networkDrive' | 'doctor.syncedFolder';

/** A warning about the data folder: an i18n key and the values its text shows. */
export interface StorageWarning {
  key: StorageWarningKey;
  params: Record<string, string | number>;
}

/** Below this, a large import or a backup into the data folder can fill the disk. */
export const LOW_DISK_BYTES = 1024 ** 3;
/** The WAL is checkpointed every ~4 MiB; one this large means checkpoints are being blocked. */
export const LARGE_WAL_BYTES = 64 * 1024 ** 2;

/** Linux statfs f_type values of network filesystems (include/uapi/linux/magic.h and the fs sources). */
const NETWORK_MAGIC: ReadonlyMap<number, NetworkDrive> = new Map([
  [0x6969, 'nfs'],
  [0x517b, 'smb'],
  [0xff534d42, 'cifs'],
  [0xfe534d42, 'smb2'],
  [0x65735546, 'fuse'],
  [0x5346414f, 'afs'],
  [0x6b414653, 'afs'], // kAFS
  [0x00c36400, 'ceph'],
  [0x73757245, 'coda'],
  [0x564c, 'ncp'],
  [0x01021997, '9p'],
]);
const FUSE_MAGIC = 0x65735546;

/** The network filesystem a Linux statfs() type number stands for, or null (local or unknown). */
export function networkFsFromStatfsType(type: number): NetworkDrive | null {
  // f_type is a signed long on some platforms: CIFS's 0xFF534D42 can arrive negative.
  return NETWORK_MAGIC.get(type >>> 0) ?? null;
}

/** FUSE filesystems that sit on a local disk or on other local files. */
const LOCAL_FUSE = new Set(['fuseblk', 'ntfs-3g', 'ntfs', 'exfat', 'squashfuse', 'mergerfs', 'bindfs', 'encfs', 'gocryptfs', 'cryfs', 'lxcfs', 'portal', 'apfs-fuse', 'appimage']);

/** A mount table's filesystem type name -> network filesystem, or null when it is local. */
export function networkFsFromTypeName(fsType: string): NetworkDrive | null {
  const type = fsType.toLowerCase();
  if (type === 'fuseblk') return null;
  if (type.startsWith('fuse.') || type === 'fuse' || type === 'macfuse' || type === 'osxfuse') {
    const sub = type.startsWith('fuse.') ? type.slice(5) : type;
    if (LOCAL_FUSE.has(sub)) return null;
    return sub === 'sshfs' ? 'sshfs' : 'fuse';
  }
  if (type === 'nfs' || type === 'nfs4') return 'nfs';
  if (type === 'smbfs' || type === 'smb') return 'smb';
  if (type === 'cifs' || type === 'smb3') return 'cifs';
  if (type === 'afpfs') return 'afp';
  if (type === 'webdav' || type === 'davfs') return 'webdav';
  if (type === 'afs') return 'afs';
  if (type === 'ceph') return 'ceph';
  if (type === 'coda') return 'coda';
  if (type === 'ncpfs') return 'ncp';
  if (type === '9p') return '9p';
  return null;
}

export interface MountEntry {
  mountPoint: string;
  fsType: string;
  /** macOS marks local filesystems "local"; Linux tables have no such flag (null). */
  local: boolean | null;
}

/** /proc/mounts escapes spaces, tabs, newlines and backslashes in octal. */
const unescapeMountField = (field: string) => field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/**
 * Parses a mount table: Linux /proc/mounts ("dev mountpoint type options 0 0") or the output of
 * macOS `mount` ("dev on /mount/point (type, option, ...)"). Unrecognised lines are skipped.
 */
export function parseMountTable(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const mac = /^.+? on (\/.*) \(([^,()]+)((?:, [^()]*)?)\)$/.exec(line);
    if (mac) {
      const options = mac[3]!.split(',').map((o) => o.trim());
      entries.push({ mountPoint: mac[1]!, fsType: mac[2]!.trim(), local: options.includes('local') });
      continue;
    }
    const fields = line.trim().split(/\s+/);
    if (fields.length >= 3 && fields[1]!.startsWith('/')) entries.push({ mountPoint: unescapeMountField(fields[1]!), fsType: fields[2]!, local: null });
  }
  return entries;
}

/** The mount that holds `dir` (an absolute POSIX path): the longest mount point that contains it. */
export function mountFor(entries: MountEntry[], dir: string): MountEntry | null {
  let best: MountEntry | null = null;
  for (const entry of entries) {
    const mp = entry.mountPoint === '/' ? '/' : entry.mountPoint.replace(/\/+$/, '');
    const inside = mp === '/' || dir === mp || dir.startsWith(`${mp}/`);
    // A later line for the same mount point is the mount on top (mounted later).
    if (inside && (!best || mp.length >= best.mountPoint.replace(/\/+$/, '').length)) best = entry;
  }
  return best;
}

/** The network filesystem of a mount table entry (macOS: anything not flagged local). */
export function networkFsFromMount(entry: MountEntry): NetworkDrive | null {
  const named = networkFsFromTypeName(entry.fsType);
  if (named || entry.local !== false) return named;
  // macOS without "local": a remote filesystem of a type not listed above. autofs is only the
  // trigger: what it mounts has a line of its own.
  return entry.fsType === 'autofs' ? null : 'network';
}

/** Windows: a UNC path (\\server\share, //server/share, \\?\UNC\server\share) -> 'unc'. */
export function networkDriveFromWindowsPath(p: string): 'unc' | null {
  const s = p.replace(/\//g, '\\');
  if (/^\\\\[?.]\\UNC\\/i.test(s)) return 'unc';
  // \\?\C:\... and \\.\C:\... are local paths written in the long-path or device syntax.
  if (/^\\\\[?.]\\/.test(s)) return null;
  return /^\\\\[^\\]+\\[^\\]+/.test(s) ? 'unc' : null;
}

/** The drive letter of a Windows path (C:\..., \\?\C:\...), upper case, or null. */
export function windowsDriveLetter(p: string): string | null {
  const m = /^(?:\\\\[?.]\\)?([A-Za-z]):/.exec(p.replace(/\//g, '\\'));
  return m ? m[1]!.toUpperCase() : null;
}

/**
 * Drive letters mapped to network shares, from the output of `net use` (any display language:
 * only the drive letter and the \\server\share column are read).
 */
export function mappedDrivesFromNetUse(output: string): Set<string> {
  const drives = new Set<string>();
  for (const line of output.split(/\r?\n/)) {
    const m = /(?:^|\s)([A-Za-z]):\s+\\\\\S/.exec(line);
    if (m) drives.add(m[1]!.toUpperCase());
  }
  return drives;
}

/** Folder names that sync programs use, per path segment (case-insensitive). */
const SYNCED_SEGMENTS: readonly [RegExp, SyncedFolder][] = [
  [/^onedrive(?:$| - |-)/i, 'OneDrive'], // OneDrive, "OneDrive - Contoso", CloudStorage/OneDrive-Personal
  [/^dropbox(?:$| \(|-)/i, 'Dropbox'], // Dropbox, "Dropbox (Personal)", CloudStorage/Dropbox-Team
  [/^(?:mobile documents|com~apple~clouddocs|icloud ?drive)$/i, 'iCloud Drive'],
  [/^(?:google drive|googledrive(?:-.*)?|我的云端硬盘)$/i, 'Google Drive'],
  [/^(?:box|box sync|box-box)$/i, 'Box'],
  [/坚果云|^nutstore/i, '坚果云'],
  [/百度网盘|^baidu(?:net|sync)disk/i, '百度网盘'],
];

/** The sync program whose folder contains `p` (a Windows or POSIX path), or null. */
export function syncedFolderFromPath(p: string): SyncedFolder | null {
  const segments = p.split(/[\\/]+/).filter(Boolean);
  for (const [i, segment] of segments.entries()) {
    // "Box" alone is a common folder name: count it only where sync clients put it.
    if (/^box$/i.test(segment) && i !== userFolderDepth(segments)) continue;
    for (const [pattern, name] of SYNCED_SEGMENTS) if (pattern.test(segment)) return name;
    // Google Drive for desktop shows "My Drive" at the top of its own drive letter (G:\My Drive).
    if (i === 1 && /^[A-Za-z]:$/.test(segments[0]!) && /^my drive$/i.test(segment)) return 'Google Drive';
    // macOS File Provider folders: ~/Library/CloudStorage/<Provider>-<account>.
    if (segment === 'CloudStorage' && segments[i - 1] === 'Library' && segments[i + 1]) {
      for (const [pattern, name] of SYNCED_SEGMENTS) if (pattern.test(segments[i + 1]!)) return name;
      return 'CloudStorage';
    }
  }
  return null;
}

/** Index of the segment right under a home folder (C:\Users\me\X, /Users/me/X, /home/me/X), or -1. */
function userFolderDepth(segments: string[]): number {
  const home = segments.findIndex((s) => /^(?:users|home)$/i.test(s));
  return home >= 0 ? home + 2 : -1;
}

/** The warnings a storage report calls for, in the order a person should deal with them. */
export function storageWarnings(report: StorageReport): StorageWarning[] {
  const warnings: StorageWarning[] = [];
  if (report.networkDrive) warnings.push({ key: 'doctor.networkDrive', params: { kind: report.networkDrive } });
  if (report.syncedFolder) warnings.push({ key: 'doctor.syncedFolder', params: { name: report.syncedFolder } });
  if (report.freeBytes !== null && report.freeBytes < LOW_DISK_BYTES) warnings.push({ key: 'doctor.lowDisk', params: { freeBytes: report.freeBytes, limitBytes: LOW_DISK_BYTES } });
  if (report.walBytes > LARGE_WAL_BYTES) warnings.push({ key: 'doctor.largeWal', params: { walBytes: report.walBytes, limitBytes: LARGE_WAL_BYTES } });
  return warnings;
}

/** What inspectStorage() asks the operating system; tests pass fakes. */
export interface StorageProbe {
  platform: NodeJS.Platform;
  /** fs.statfsSync: f_type, block size and blocks available; null when unsupported. */
  statfs(dir: string): { type: number; bsize: number; bavail: number } | null;
  realpath(p: string): string;
  fileSize(file: string): number;
  /** Linux: /proc/mounts; macOS: `mount` output; null elsewhere or when unreadable. */
  mountTable(): string | null;
  /** Windows: `net use` output; null elsewhere or when it fails. */
  netUse(): string | null;
}

export const systemProbe: StorageProbe = {
  platform: process.platform,
  statfs(dir) {
    try {
      const s = fs.statfsSync(dir);
      return { type: s.type, bsize: s.bsize, bavail: s.bavail };
    } catch {
      return null;
    }
  },
  realpath: (p) => fs.realpathSync.native(p),
  fileSize(file) {
    try {
      return fs.statSync(file).size;
    } catch {
      return 0;
    }
  },
  mountTable() {
    if (process.platform === 'linux') {
      try {
        return fs.readFileSync('/proc/mounts', 'utf8');
      } catch {
        return null;
      }
    }
    if (process.platform === 'darwin') return commandOutput('/sbin/mount', []);
    return null;
  },
  netUse: () => (process.platform === 'win32' ? commandOutput('net', ['use']) : null),
};

function commandOutput(command: string, args: string[]): string | null {
  // latin1: only ASCII parts are read, and a localised Windows prints in its ANSI code page.
  const run = spawnSync(command, args, { encoding: 'latin1', timeout: 5000, windowsHide: true });
  return run.status === 0 ? run.stdout : null;
}

/**
 * Looks at the data folder and its database file. `dataDir` should exist; a path that cannot be
 * resolved is judged as written.
 */
export function inspectStorage(dataDir: string, dbFile: string, probe: StorageProbe = systemProbe): StorageReport {
  let real = dataDir;
  try {
    real = probe.realpath(dataDir);
  } catch {
    // keep the path as given
  }
  const stat = probe.statfs(dataDir);
  return {
    freeBytes: stat ? stat.bavail * stat.bsize : null,
    walBytes: probe.fileSize(`${dbFile}-wal`),
    networkDrive: detectNetworkDrive(dataDir, real, stat, probe),
    syncedFolder: syncedFolderFromPath(dataDir) ?? (real !== dataDir ? syncedFolderFromPath(real) : null),
  };
}

function detectNetworkDrive(dataDir: string, real: string, stat: { type: number } | null, probe: StorageProbe): NetworkDrive | null {
  if (probe.platform === 'win32') {
    const unc = networkDriveFromWindowsPath(dataDir) ?? networkDriveFromWindowsPath(real);
    if (unc) return unc;
    const drive = windowsDriveLetter(real) ?? windowsDriveLetter(dataDir);
    if (!drive) return null;
    const netUse = probe.netUse();
    return netUse && mappedDrivesFromNetUse(netUse).has(drive) ? 'mappedDrive' : null;
  }
  const mount = (): MountEntry | null => {
    const table = probe.mountTable();
    return table ? mountFor(parseMountTable(table), path.posix.resolve(real)) : null;
  };
  if (probe.platform === 'linux' && stat) {
    // statfs describes the folder itself. FUSE covers both sshfs and a local NTFS disk (fuseblk):
    // there the mount table names the kind.
    if (stat.type >>> 0 !== FUSE_MAGIC) return networkFsFromStatfsType(stat.type);
    const entry = mount();
    return entry ? networkFsFromMount(entry) : 'fuse';
  }
  const entry = mount();
  return entry ? networkFsFromMount(entry) : null;
}
