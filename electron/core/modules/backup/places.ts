import fs from 'node:fs';
import path from 'node:path';
import type { DataPaths } from '../../paths.js';

/**
 * Where backups may go, in one place: the backup folder setting (settings.update) and the CLI's
 * `backup --out` both ask here. Refused: the operating system's own folders, and the data
 * folder's insides (its database and attachments, the work folder...) except its default
 * backups/ folder. A backup inside the data folder it protects is lost with it, and writing
 * there can overwrite the live database.
 */

/** The operating system's folders (and everything under them; "/" itself only exactly). */
export function systemFolders(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const drive = env.SystemDrive ?? 'C:';
    return [
      env.SystemRoot ?? env.windir ?? `${drive}\\Windows`,
      env.ProgramFiles ?? `${drive}\\Program Files`,
      env['ProgramFiles(x86)'] ?? `${drive}\\Program Files (x86)`,
      env.ProgramW6432 ?? `${drive}\\Program Files`,
      `${drive}\\Windows`,
      `${drive}\\Program Files`,
      `${drive}\\Program Files (x86)`,
    ];
  }
  const unix = ['/', '/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/run', '/sbin', '/sys', '/usr', '/var/lib', '/var/run'];
  return platform === 'darwin' ? [...unix, '/System', '/Library/Apple', '/private/etc', '/private/var/db', '/Applications'] : unix;
}

export type PlaceProblem = 'systemFolder' | 'insideDataFolder';

const pathApi = (platform: NodeJS.Platform) => (platform === 'win32' ? path.win32 : path.posix);

/** Windows and macOS compare paths without regard to case. */
const comparable = (p: string, platform: NodeJS.Platform) => (platform === 'win32' || platform === 'darwin' ? p.toLowerCase() : p);

/** `child` is `parent` or inside it. */
export function isWithin(parent: string, child: string, platform: NodeJS.Platform = process.platform): boolean {
  const api = pathApi(platform);
  const relative = api.relative(comparable(api.resolve(parent), platform), comparable(api.resolve(child), platform));
  return relative === '' || (!relative.startsWith('..') && !api.isAbsolute(relative));
}

/**
 * The path with links resolved as far as it exists: a link to /etc, or a mapped alias of the data
 * folder, is judged by where it leads. The part that does not exist yet is appended as written.
 */
export function realPathSoFar(p: string): string {
  let existing = path.resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return path.resolve(p);
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/** Why a folder may not hold backups, or null when it may. */
export function backupFolderProblem(folder: string, paths: DataPaths, platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): PlaceProblem | null {
  const candidates = platform === process.platform ? [folder, realPathSoFar(folder)] : [folder];
  for (const candidate of candidates) {
    const problem = placeProblem(candidate, paths, platform, env);
    if (problem) return problem;
  }
  return null;
}

function placeProblem(folder: string, paths: DataPaths, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): PlaceProblem | null {
  const api = pathApi(platform);
  const resolved = api.resolve(folder);
  const root = api.parse(resolved).root;
  for (const system of systemFolders(platform, env)) {
    // "/" is refused only itself (everything is under it); a Windows drive root such as a USB
    // disk's E:\ is never in the list.
    if (api.resolve(system) === root) {
      if (comparable(resolved, platform) === comparable(root, platform)) return 'systemFolder';
    } else if (isWithin(system, resolved, platform)) return 'systemFolder';
  }
  const dataDirs = platform === process.platform ? [paths.dataDir, realPathSoFar(paths.dataDir)] : [paths.dataDir];
  for (const dataDir of dataDirs) {
    const backups = api.join(dataDir, api.basename(paths.backupsDir));
    if (isWithin(dataDir, resolved, platform) && !isWithin(backups, resolved, platform)) return 'insideDataFolder';
  }
  return null;
}
