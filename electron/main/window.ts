import type { BrowserWindowConstructorOptions } from 'electron';
import type { AppFiles } from './files.js';
import { isAppPage } from './files.js';
import { applyCspHeader } from './csp.js';
import type { BrowserWindowClassPort, BrowserWindowPort, SessionPort, ShellPort, WebContentsPort } from './ports.js';

/**
 * https origins whose links may open in the user's browser (shell.openExternal). Empty for now:
 * OpsDesk is offline and links nowhere. Add an origin such as 'https://example.com' to allow it.
 */
export const EXTERNAL_ORIGINS: readonly string[] = [];

/** The main window's options: Electron's security checklist, with the sandboxed preload. */
export function windowOptions(files: AppFiles): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'OpsDesk',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    autoHideMenuBar: false,
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** True for an https URL on an allow-listed origin. */
export function externalAllowed(url: string, allowList: readonly string[] = EXTERNAL_ORIGINS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && allowList.includes(parsed.origin);
}

export interface HardenOptions {
  files: AppFiles;
  shell: ShellPort;
  allowList?: readonly string[];
  log?: (message: string, err?: unknown) => void;
}

/**
 * Keeps a window's contents on the app's page: navigation elsewhere is prevented (an allow-listed
 * https link opens in the user's browser instead), new windows are denied, <webview> cannot attach.
 */
export function hardenWebContents(contents: WebContentsPort, options: HardenOptions): void {
  const openOutside = (url: string): void => {
    if (!externalAllowed(url, options.allowList)) return;
    options.shell.openExternal(url).catch((err: unknown) => options.log?.(`Cannot open ${url}`, err));
  };
  contents.on('will-navigate', (event) => {
    if (isAppPage(event.url, options.files.indexHtml)) return;
    event.preventDefault();
    openOutside(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission request (camera, notifications from the page, geolocation...) and adds the CSP header. */
export function hardenSession(session: SessionPort): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  applyCspHeader(session);
}

export interface CreateWindowOptions<W extends BrowserWindowPort> extends HardenOptions {
  BrowserWindow: BrowserWindowClassPort<W>;
}

/** Creates the main window, hardened, and loads dist/renderer/index.html. */
export function createMainWindow<W extends BrowserWindowPort>(options: CreateWindowOptions<W>): W {
  const win = new options.BrowserWindow(windowOptions(options.files));
  hardenSession(win.webContents.session);
  hardenWebContents(win.webContents, options);
  win.once('ready-to-show', () => win.show());
  win.loadFile(options.files.indexHtml).catch((err: unknown) => options.log?.(`Cannot load ${options.files.indexHtml}`, err));
  return win;
}
