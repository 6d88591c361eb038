import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../electron/core/maintenance/doctor.js';
import {
  inspectStorage,
  LARGE_WAL_BYTES,
  LOW_DISK_BYTES,
  mappedDrivesFromNetUse,
  mountFor,
  networkDriveFromWindowsPath,
  networkFsFromStatfsType,
  networkFsFromTypeName,
  parseMountTable,
  storageWarnings,
  syncedFolderFromPath,
  systemProbe,
  type StorageProbe,
} from '../../electron/core/maintenance/storage.js';
import { itSqlite, onPostgres } from './support/engine.js';
import { initialised } from './support/harness.js';

const GiB = 1024 ** 3;
const EXT4 = 0xef53;
const FUSE = 0x65735546;

/** A machine as the doctor sees it: statfs of the data folder, its mount table, `net use`. */
function fakeProbe(over: Partial<StorageProbe> = {}): StorageProbe {
  return {
    platform: 'linux',
    statfs: () => ({ type: EXT4, bsize: 4096, bavail: (50 * GiB) / 4096 }),
    realpath: (p) => p,
    fileSize: () => 0,
    mountTable: () => null,
    netUse: () => null,
    ...over,
  };
}

const LINUX_MOUNTS = [
  '/dev/sda2 / ext4 rw,relatime 0 0',
  'tmpfs /tmp tmpfs rw,nosuid,nodev 0 0',
  'nas:/export/home /home/shared nfs4 rw,relatime,vers=4.2 0 0',
  '//fileserver/ops /mnt/ops cifs rw,vers=3.1.1 0 0',
  'me@box:/srv /home/me/remote fuse.sshfs rw,nosuid,nodev,user_id=1000 0 0',
  '/dev/sdb1 /media/me/USB\\040Disk fuseblk rw,nosuid,nodev 0 0',
  'rclone: /home/me/cloud fuse.rclone rw 0 0',
].join('\n');

const MAC_MOUNTS = [
  '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
  '/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)',
  'map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)',
  '//ops@fileserver/部门 on /Volumes/部门 (smbfs, nodev, nosuid, mounted by ops)',
  'nas:/export on /Volumes/nas (nfs, asynchronous)',
  'webdav.example.com on /Volumes/dav (webdav, nodev, noexec, nosuid, mounted by ops)',
  '/dev/disk4s1 on /Volumes/U盘 (exfat, local, nodev, nosuid, noowners, mounted by ops)',
  'remote on /Volumes/other (exotic, nodev, nosuid)',
].join('\n');

describe('network filesystem detection', () => {
  it('names the Linux statfs types of network filesystems and leaves local ones alone', () => {
    expect(networkFsFromStatfsType(0x6969)).toBe('nfs');
    expect(networkFsFromStatfsType(0x517b)).toBe('smb');
    expect(networkFsFromStatfsType(0xff534d42)).toBe('cifs');
    expect(networkFsFromStatfsType(0xff534d42 | 0)).toBe('cifs'); // a signed f_type arrives negative
    expect(networkFsFromStatfsType(0xfe534d42)).toBe('smb2');
    expect(networkFsFromStatfsType(FUSE)).toBe('fuse');
    expect(networkFsFromStatfsType(0x01021997)).toBe('9p');
    for (const local of [EXT4, 0x9123683e /* btrfs */, 0x58465342 /* xfs */, 0x01021994 /* tmpfs */, 0x4d44 /* vfat */, 0x5346544e /* ntfs */, 0x794c7630 /* overlay */]) {
      expect(networkFsFromStatfsType(local)).toBeNull();
    }
  });

  it('names mount-table filesystem types', () => {
    expect(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'afpfs', 'webdav', 'fuse.sshfs', 'fuse.rclone', 'fuse.gvfsd-fuse', '9p'].map(networkFsFromTypeName)).toEqual([
      'nfs', 'nfs', 'cifs', 'cifs', 'smb', 'afp', 'webdav', 'sshfs', 'fuse', 'fuse', '9p',
    ]);
    for (const local of ['ext4', 'apfs', 'hfs', 'exfat', 'msdos', 'ntfs', 'tmpfs', 'fuseblk', 'fuse.ntfs-3g', 'fuse.squashfuse', 'fuse.mergerfs']) {
      expect(networkFsFromTypeName(local), local).toBeNull();
    }
  });

  it('finds the mount that holds a folder in /proc/mounts (longest mount point, escaped spaces)', () => {
    const mounts = parseMountTable(LINUX_MOUNTS);
    expect(mounts).toHaveLength(7);
    const typeAt = (dir: string) => mountFor(mounts, dir)?.fsType;
    expect(typeAt('/home/me/.config/OpsDesk')).toBe('ext4');
    expect(typeAt('/home/shared/OpsDesk')).toBe('nfs4');
    expect(typeAt('/home/shared')).toBe('nfs4');
    expect(typeAt('/home/sharedother/OpsDesk')).toBe('ext4'); // a prefix of the name is not the folder
    expect(typeAt('/media/me/USB Disk/OpsDesk')).toBe('fuseblk');
    expect(typeAt('/tmp/opsdesk-1')).toBe('tmpfs');
  });

  it('reads macOS `mount` output, where a filesystem without "local" is remote', () => {
    const mounts = parseMountTable(MAC_MOUNTS);
    expect(mounts).toHaveLength(8);
    const kindAt = (dir: string) => {
      const probe = fakeProbe({ platform: 'darwin', statfs: () => ({ type: 26, bsize: 4096, bavail: 10 * GiB }), mountTable: () => MAC_MOUNTS });
      return inspectStorage(dir, path.posix.join(dir, 'opsdesk.sqlite'), probe).networkDrive;
    };
    expect(kindAt('/Users/ops/Library/Application Support/OpsDesk')).toBeNull();
    expect(kindAt('/Volumes/部门/OpsDesk')).toBe('smb');
    expect(kindAt('/Volumes/nas/OpsDesk')).toBe('nfs');
    expect(kindAt('/Volumes/dav/OpsDesk')).toBe('webdav');
    expect(kindAt('/Volumes/U盘/OpsDesk')).toBeNull();
    expect(kindAt('/Volumes/other/OpsDesk')).toBe('network');
    expect(kindAt('/System/Volumes/Data/home')).toBeNull(); // autofs is only the trigger
  });

  it('recognises Windows UNC paths, not local paths in long-path syntax', () => {
    for (const unc of ['\\\\server\\share\\OpsDesk', '//server/share/OpsDesk', '\\\\?\\UNC\\server\\share\\OpsDesk', '\\\\.\\UNC\\nas\\运营部', '\\\\wsl$\\Ubuntu\\home\\me', '\\\\wsl.localhost\\Ubuntu\\home']) {
      expect(networkDriveFromWindowsPath(unc), unc).toBe('unc');
    }
    for (const local of ['C:\\Users\\me\\AppData\\Roaming\\OpsDesk', 'D:/OpsDesk', '\\\\?\\C:\\Users\\me\\OpsDesk', '\\\\.\\C:\\OpsDesk', '\\OpsDesk', 'relative\\OpsDesk']) {
      expect(networkDriveFromWindowsPath(local), local).toBeNull();
    }
  });

  it('reads mapped network drive letters from `net use` in any display language', () => {
    const english = [
      'New connections will be remembered.',
      '',
      'Status       Local     Remote                    Network',
      '-------------------------------------------------------------------------------',
      'OK           Z:        \\\\fileserver\\ops        Microsoft Windows Network',
      'Unavailable  Y:        \\\\nas\\backup            Microsoft Windows Network',
      '             \\\\printserver\\IPC$',
      'The command completed successfully.',
    ].join('\r\n');
    expect([...mappedDrivesFromNetUse(english)].sort()).toEqual(['Y', 'Z']);
    // Chinese Windows, read as latin1 the way the probe reads it: only the ASCII columns matter.
    const chinese = Buffer.from('状态       本地      远程                      网络\r\nOK           m:        \\\\服务器\\运营部            Microsoft Windows Network\r\n命令成功完成。\r\n', 'utf8').toString('latin1');
    expect([...mappedDrivesFromNetUse(chinese)]).toEqual(['M']);
    expect(mappedDrivesFromNetUse('There are no entries in the list.\r\n').size).toBe(0);
  });
});

describe('synced folder detection', () => {
  it('names the sync program whose folder holds the data folder', () => {
    const cases: [string, ReturnType<typeof syncedFolderFromPath>][] = [
      ['C:\\Users\\me\\OneDrive\\OpsDesk', 'OneDrive'],
      ['C:\\Users\\me\\OneDrive - 某某科技有限公司\\文档\\OpsDesk', 'OneDrive'],
      ['/Users/me/Library/CloudStorage/OneDrive-Personal/OpsDesk', 'OneDrive'],
      ['C:\\Users\\me\\Dropbox\\OpsDesk', 'Dropbox'],
      ['/home/me/Dropbox (Personal)/OpsDesk', 'Dropbox'],
      ['/Users/me/Library/Mobile Documents/com~apple~CloudDocs/OpsDesk', 'iCloud Drive'],
      ['C:\\Users\\me\\iCloudDrive\\OpsDesk', 'iCloud Drive'],
      ['G:\\My Drive\\OpsDesk', 'Google Drive'],
      ['G:\\我的云端硬盘\\OpsDesk', 'Google Drive'],
      ['/Users/me/Library/CloudStorage/GoogleDrive-me@example.com/My Drive/OpsDesk', 'Google Drive'],
      ['C:\\Users\\me\\Google Drive\\OpsDesk', 'Google Drive'],
      ['/Users/me/Box/OpsDesk', 'Box'],
      ['/Users/me/Library/CloudStorage/Box-Box/OpsDesk', 'Box'],
      ['D:\\我的坚果云\\OpsDesk', '坚果云'],
      ['C:\\Users\\me\\Nutstore\\OpsDesk', '坚果云'],
      ['D:\\百度网盘同步空间\\OpsDesk', '百度网盘'],
      ['D:\\BaiduSyncdisk\\OpsDesk', '百度网盘'],
      ['/Users/me/Library/CloudStorage/pCloud-me/OpsDesk', 'CloudStorage'],
    ];
    for (const [p, name] of cases) expect(syncedFolderFromPath(p), p).toBe(name);
  });

  it('leaves ordinary folders alone, including names that merely contain a provider', () => {
    for (const p of [
      'C:\\Users\\me\\AppData\\Roaming\\OpsDesk',
      '/home/me/.config/OpsDesk',
      '/Users/me/Library/Application Support/OpsDesk',
      '/home/me/projects/box/OpsDesk', // "box" deep in a project, not the Box client's folder
      'D:\\Data\\My Drive\\OpsDesk', // "My Drive" only counts at the top of Google's drive letter
      'C:\\Users\\me\\OneDriveTemp\\x',
      '/srv/dropboxes/OpsDesk',
    ]) {
      expect(syncedFolderFromPath(p), p).toBeNull();
    }
  });
});

describe('storage warnings', () => {
  const base = { freeBytes: 50 * GiB, walBytes: 0, networkDrive: null, syncedFolder: null };

  it('warn under 1 GiB free and over 64 MiB of WAL, at the boundaries', () => {
    expect(storageWarnings(base)).toEqual([]);
    expect(storageWarnings({ ...base, freeBytes: LOW_DISK_BYTES, walBytes: LARGE_WAL_BYTES })).toEqual([]);
    expect(storageWarnings({ ...base, freeBytes: LOW_DISK_BYTES - 1, walBytes: LARGE_WAL_BYTES + 1 })).toEqual([
      { key: 'doctor.lowDisk', params: { freeBytes: LOW_DISK_BYTES - 1, limitBytes: LOW_DISK_BYTES } },
      { key: 'doctor.largeWal', params: { walBytes: LARGE_WAL_BYTES + 1, limitBytes: LARGE_WAL_BYTES } },
    ]);
    expect(storageWarnings({ ...base, freeBytes: null })).toEqual([]); // unknown is not low
  });

  it('warn about a network drive and a synced folder first', () => {
    expect(storageWarnings({ ...base, freeBytes: 0, networkDrive: 'nfs', syncedFolder: 'OneDrive' }).map((w) => w.key)).toEqual([
      'doctor.networkDrive',
      'doctor.syncedFolder',
      'doctor.lowDisk',
    ]);
    expect(storageWarnings({ ...base, networkDrive: 'unc' })[0]).toEqual({ key: 'doctor.networkDrive', params: { kind: 'unc' } });
    expect(storageWarnings({ ...base, syncedFolder: '坚果云' })[0]).toEqual({ key: 'doctor.syncedFolder', params: { name: '坚果云' } });
  });
});

describe('inspectStorage', () => {
  it('on Linux: free bytes and WAL size, network type from statfs', () => {
    const probe = fakeProbe({ statfs: () => ({ type: 0x6969, bsize: 4096, bavail: 1000 }), fileSize: (f) => (f.endsWith('-wal') ? 123 : 999) });
    expect(inspectStorage('/home/shared/OpsDesk', '/home/shared/OpsDesk/opsdesk.sqlite', probe)).toEqual({
      freeBytes: 4096 * 1000,
      walBytes: 123,
      networkDrive: 'nfs',
      syncedFolder: null,
    });
  });

  it('on Linux FUSE: the mount table tells sshfs and rclone from a local NTFS disk', () => {
    const at = (dir: string, mounts: string | null) =>
      inspectStorage(dir, `${dir}/opsdesk.sqlite`, fakeProbe({ statfs: () => ({ type: FUSE, bsize: 4096, bavail: 1 }), mountTable: () => mounts })).networkDrive;
    expect(at('/home/me/remote/OpsDesk', LINUX_MOUNTS)).toBe('sshfs');
    expect(at('/home/me/cloud/OpsDesk', LINUX_MOUNTS)).toBe('fuse');
    expect(at('/media/me/USB Disk/OpsDesk', LINUX_MOUNTS)).toBeNull();
    expect(at('/media/me/USB Disk/OpsDesk', null)).toBe('fuse'); // cannot tell: warn
  });

  it('trusts statfs over a mount table line for a local folder, and works without statfs', () => {
    const mounts = () => LINUX_MOUNTS;
    expect(inspectStorage('/home/shared/x', '/home/shared/x/opsdesk.sqlite', fakeProbe({ mountTable: mounts })).networkDrive).toBeNull();
    const noStatfs = inspectStorage('/home/shared/x', '/home/shared/x/opsdesk.sqlite', fakeProbe({ statfs: () => null, mountTable: mounts }));
    expect(noStatfs).toMatchObject({ freeBytes: null, networkDrive: 'nfs' });
  });

  it('on Windows: UNC paths and mapped drive letters', () => {
    const win = (netUse: string | null) => fakeProbe({ platform: 'win32', statfs: () => ({ type: 0, bsize: 4096, bavail: 1 }), netUse: () => netUse });
    const netUse = 'OK           Z:        \\\\fileserver\\ops        Microsoft Windows Network\r\n';
    expect(inspectStorage('\\\\fileserver\\ops\\OpsDesk', '\\\\fileserver\\ops\\OpsDesk\\opsdesk.sqlite', win(null)).networkDrive).toBe('unc');
    expect(inspectStorage('Z:\\OpsDesk', 'Z:\\OpsDesk\\opsdesk.sqlite', win(netUse)).networkDrive).toBe('mappedDrive');
    expect(inspectStorage('z:\\OpsDesk', 'z:\\OpsDesk\\opsdesk.sqlite', win(netUse)).networkDrive).toBe('mappedDrive');
    expect(inspectStorage('C:\\Users\\me\\AppData\\Roaming\\OpsDesk', 'C:\\x\\opsdesk.sqlite', win(netUse)).networkDrive).toBeNull();
    expect(inspectStorage('C:\\Users\\me\\OneDrive\\OpsDesk', 'C:\\x\\opsdesk.sqlite', win(netUse))).toMatchObject({ networkDrive: null, syncedFolder: 'OneDrive' });
  });

  it('follows a link into a synced folder', () => {
    const probe = fakeProbe({ realpath: () => '/Users/me/Library/CloudStorage/Dropbox/OpsDesk' });
    expect(inspectStorage('/Users/me/OpsDesk', '/Users/me/OpsDesk/opsdesk.sqlite', probe).syncedFolder).toBe('Dropbox');
  });

  it('on this machine: a temporary folder is a local disk with free space', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdesk-storage-'));
    try {
      fs.writeFileSync(path.join(dir, 'opsdesk.sqlite-wal'), Buffer.alloc(1000));
      const report = inspectStorage(dir, path.join(dir, 'opsdesk.sqlite'), systemProbe);
      expect(report).toMatchObject({ walBytes: 1000, networkDrive: null, syncedFolder: null });
      expect(report.freeBytes).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('doctor storage section', () => {
  // Measures the SQLite file's WAL (fake and real): a server's data has none; the folder's part is checked below.
  itSqlite('reports storage and warnings, and stays healthy: warnings are not integrity problems', async () => {
    const { core } = await initialised();
    const probe = fakeProbe({
      statfs: () => ({ type: 0xff534d42, bsize: 4096, bavail: 1000 }),
      realpath: () => '/home/me/OneDrive/OpsDesk',
      fileSize: () => LARGE_WAL_BYTES + 1,
    });
    const report = await runDoctor(core, { storageProbe: probe });
    expect(report.healthy).toBe(true);
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(report.storage).toEqual({ freeBytes: 4096 * 1000, walBytes: LARGE_WAL_BYTES + 1, networkDrive: 'cifs', syncedFolder: 'OneDrive' });
    expect(report.sizes.walBytes).toBe(report.storage.walBytes);
    // (and no backup yet: that warning comes from the backup section, not from storage)
    expect(report.warnings.map((w) => w.key)).toEqual(['doctor.networkDrive', 'doctor.syncedFolder', 'doctor.lowDisk', 'doctor.largeWal', 'doctor.noRecentBackup']);

    const real = await runDoctor(core);
    expect(real.storage).toMatchObject({ networkDrive: null, syncedFolder: null });
    expect(real.storage.freeBytes).toBeGreaterThan(0);
    expect(real.storage.walBytes).toBeGreaterThan(0); // the open database's WAL
    expect(real.warnings.filter((w) => w.key !== 'doctor.lowDisk').map((w) => w.key)).toEqual(['doctor.noRecentBackup']);
  });

  it.skipIf(!onPostgres)('on PostgreSQL, reports the data folder (attachments) storage and its warnings first, and stays healthy', async () => {
    const { core } = await initialised();
    const probe = fakeProbe({ statfs: () => ({ type: 0xff534d42, bsize: 4096, bavail: 1000 }), realpath: () => '/home/me/OneDrive/OpsDesk', fileSize: () => 0 });
    const report = await runDoctor(core, { storageProbe: probe });
    expect(report.healthy).toBe(true);
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(report.storage).toEqual({ freeBytes: 4096 * 1000, walBytes: 0, networkDrive: 'cifs', syncedFolder: 'OneDrive' });
    expect(report.warnings.map((w) => w.key).slice(0, 3)).toEqual(['doctor.networkDrive', 'doctor.syncedFolder', 'doctor.lowDisk']);

    const real = await runDoctor(core);
    expect(real.storage).toMatchObject({ walBytes: 0, networkDrive: null, syncedFolder: null }); // no SQLite file, so no WAL
    expect(real.storage.freeBytes).toBeGreaterThan(0);
    expect(real.warnings.map((w) => w.key).filter((k) => ['doctor.networkDrive', 'doctor.syncedFolder', 'doctor.largeWal'].includes(k))).toEqual([]);
  });
});
