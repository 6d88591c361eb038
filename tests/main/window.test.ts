import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { appFiles, isAppPage } from '../../electron/main/files.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp.js';
import { CONTENT_SECURITY_POLICY as BRIDGE_POLICY } from '../../electron/bridge/security.js';
import { createMainWindow, externalAllowed, hardenWebContents, windowOptions } from '../../electron/main/window.js';
import { FakeBrowserWindow, FakeEvent, FakeShell, FakeWebContents } from './fakes.js';

const files = appFiles('/app/dist/electron/main');
const APP_URL = pathToFileURL(files.indexHtml).href;

beforeEach(() => FakeBrowserWindow.reset(APP_URL));

describe('app files', () => {
  it('finds the renderer page and the compiled preload next to the compiled main process', () => {
    expect(files.indexHtml).toBe(path.resolve('/app/dist/renderer/index.html'));
    expect(files.preload).toBe(path.resolve('/app/dist/electron/preload/index.cjs'));
    expect(files.indexUrl).toBe(APP_URL);
  });

  it('recognises only the app page, parsed as a URL', () => {
    const html = '/app/dist/renderer/index.html';
    expect(isAppPage('file:///app/dist/renderer/index.html', html)).toBe(true);
    expect(isAppPage('file:///app/dist/renderer/index.html#/org/employees?page=2', html)).toBe(true);
    expect(isAppPage('file://localhost/app/dist/renderer/index.html', html)).toBe(true);
    expect(isAppPage('file:///app/dist/renderer/../renderer/index.html', html)).toBe(true);
    expect(isAppPage('file:///app/dist/renderer/index.html.evil', html)).toBe(false);
    expect(isAppPage('file:///app/dist/renderer/other.html', html)).toBe(false);
    expect(isAppPage('file:///tmp/index.html', html)).toBe(false);
    expect(isAppPage('file://evil.example/app/dist/renderer/index.html', html)).toBe(false);
    expect(isAppPage('http://127.0.0.1/app/dist/renderer/index.html', html)).toBe(false);
    expect(isAppPage('https://app/dist/renderer/index.html', html)).toBe(false);
    expect(isAppPage('about:blank', html)).toBe(false);
    expect(isAppPage('not a url', html)).toBe(false);
    expect(isAppPage('', html)).toBe(false);
  });

  it('matches a page whose folder has spaces and Chinese characters (percent-encoded in the URL)', () => {
    const html = '/Users/王 芳/OpsDesk 应用/dist/renderer/index.html';
    const url = pathToFileURL(html).href;
    expect(url).toContain('%20');
    expect(isAppPage(url, html)).toBe(true);
  });

  it('compares paths case-insensitively on Windows only', () => {
    const html = '/app/dist/renderer/index.html';
    expect(isAppPage('file:///APP/dist/renderer/INDEX.html', html, 'win32')).toBe(true);
    expect(isAppPage('file:///APP/dist/renderer/INDEX.html', html, 'linux')).toBe(false);
  });
});

describe('window options', () => {
  it('follow the Electron security checklist', () => {
    const prefs = windowOptions(files).webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: files.preload,
    });
  });
});

describe('createMainWindow', () => {
  it('loads dist/renderer/index.html and shows the window when it is ready', () => {
    const win = createMainWindow({ BrowserWindow: FakeBrowserWindow, files, shell: new FakeShell() });
    expect(win.loaded).toBe(files.indexHtml);
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('denies every permission request', () => {
    const win = createMainWindow({ BrowserWindow: FakeBrowserWindow, files, shell: new FakeShell() });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      expect(win.webContents.session.askPermission(permission)).toBe(false);
    }
  });

  it('sends the CSP header with file:// documents and leaves other responses alone', () => {
    const win = createMainWindow({ BrowserWindow: FakeBrowserWindow, files, shell: new FakeShell() });
    const session = win.webContents.session;
    expect(session.headersFor(APP_URL, 'mainFrame')?.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(session.headersFor(`${APP_URL.replace('index.html', 'assets/index.js')}`, 'script')).toEqual({});
    expect(session.headersFor('https://example.com/', 'mainFrame')).toEqual({});
  });
});

describe('navigation and new windows', () => {
  function hardened(allowList: string[] = []) {
    const contents = new FakeWebContents(APP_URL);
    const shell = new FakeShell();
    hardenWebContents(contents, { files, shell, allowList });
    return { contents, shell };
  }

  it('lets the window move within the app page (reload, hash routes) only', () => {
    const { contents, shell } = hardened();
    expect(contents.navigate(APP_URL)).toBe(false);
    expect(contents.navigate(`${APP_URL}#/login`)).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate(APP_URL.replace('index.html', 'other.html'))).toBe(true);
    expect(contents.navigate('https://example.com/')).toBe(true);
    expect(contents.navigate('http://127.0.0.1:5170/')).toBe(true);
    expect(contents.navigate('javascript:alert(1)')).toBe(true);
    expect(shell.opened).toEqual([]);
  });

  it('denies every new window; only allow-listed https links open in the browser', () => {
    const { contents, shell } = hardened(['https://help.example.com']);
    expect(contents.openWindow('https://help.example.com/guide')).toEqual({ action: 'deny' });
    expect(contents.openWindow('https://evil.example.com/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('http://help.example.com/guide')).toEqual({ action: 'deny' });
    expect(contents.openWindow(APP_URL)).toEqual({ action: 'deny' });
    expect(contents.navigate('https://help.example.com/faq')).toBe(true);
    expect(shell.opened).toEqual(['https://help.example.com/guide', 'https://help.example.com/faq']);
  });

  it('opens nothing outside with the default (empty) allow-list', () => {
    const contents = new FakeWebContents(APP_URL);
    const shell = new FakeShell();
    hardenWebContents(contents, { files, shell });
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([]);
    expect(externalAllowed('https://example.com/')).toBe(false);
  });

  it('prevents <webview> from attaching', () => {
    const { contents } = hardened();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('content security policy', () => {
  it('is the same policy browser mode sends', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(BRIDGE_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it("agrees with the page's meta tag (the header must not be stricter, or it would break the page)", () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const directives = (policy: string) => new Set(policy.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean));
    // frame-ancestors is ignored in a meta tag, so only the header carries it.
    const header = [...directives(CONTENT_SECURITY_POLICY)].filter((d) => !d.startsWith('frame-ancestors'));
    expect(new Set(header)).toEqual(directives(meta!));
  });
});
