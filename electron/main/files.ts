import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the built app's files are, relative to the compiled main process (dist/electron/main). */
export interface AppFiles {
  /** The renderer's page (dist/renderer/index.html), loaded over file:// (HashRouter). */
  indexHtml: string;
  /** Its file:// URL, the only address the window may show. */
  indexUrl: string;
  /** The sandboxed preload (dist/electron/preload/index.cjs). */
  preload: string;
}

export function appFiles(mainDir: string): AppFiles {
  const dist = path.resolve(mainDir, '..', '..');
  const indexHtml = path.join(dist, 'renderer', 'index.html');
  return { indexHtml, indexUrl: pathToFileURL(indexHtml).href, preload: path.join(dist, 'electron', 'preload', 'index.cjs') };
}

/**
 * True only for the app's own page: a file: URL, no host, whose path is exactly index.html (the
 * hash, which HashRouter uses, and any query are ignored). Parsed with the URL parser, never by
 * string prefix, so `file:///app/index.html.evil` or `file:///app/renderer/../x/index.html` fail.
 */
export function isAppPage(url: string, indexHtml: string, platform: NodeJS.Platform = process.platform): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  let filePath: string;
  try {
    filePath = fileURLToPath(parsed);
  } catch {
    return false;
  }
  const a = path.resolve(filePath);
  const b = path.resolve(indexHtml);
  // Windows paths are case-insensitive (drive letters in particular differ between sources).
  return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
