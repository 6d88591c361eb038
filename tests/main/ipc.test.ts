import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CallOptions } from '../../electron/core/kernel/dispatcher.js';
import { appFiles } from '../../electron/main/files.js';
import { bindInvoke, type CorePort } from '../../electron/main/ipc.js';
import type { CoreEvent } from '../../shared/api/events.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/api/transport.js';
import type { ApiResult } from '../../shared/domain/errors.js';
import { ADMIN, initialised } from '../core/support/harness.js';
import type { FramePort } from '../../electron/main/ports.js';
import { FakeBrowserWindow, FakeFrame, FakeIpcMain, type FakeWebContents } from './fakes.js';

const files = appFiles('/app/dist/electron/main');
const APP_URL = pathToFileURL(files.indexHtml).href;
const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: 'error.forbidden' } };
const BAD_REQUEST = { ok: false, error: { code: 'VALIDATION', message: 'error.badRequest' } };

beforeEach(() => FakeBrowserWindow.reset(APP_URL));

/** A real core (temporary data folder, set up with an admin) behind a fake ipcMain; records every core call. */
async function setup() {
  const { core, admin } = await initialised();
  const calls: { method: string; input: unknown; options: CallOptions }[] = [];
  const spied: CorePort = {
    call: (method, input, options = {}) => {
      calls.push({ method, input, options });
      return core.call(method, input, options);
    },
    on: (listener) => core.on(listener),
  };
  const ipcMain = new FakeIpcMain();
  const binding = bindInvoke(ipcMain, spied, FakeBrowserWindow, { indexHtml: files.indexHtml });
  /** Every value the renderer received, to prove the token never crossed. */
  const received: unknown[] = [];
  const invoke = async (contents: FakeWebContents, request: unknown, frame: FramePort | null = contents.mainFrame): Promise<ApiResult<unknown>> => {
    const result = (await ipcMain.invoke(INVOKE_CHANNEL, contents.invokeEvent(frame), request)) as ApiResult<unknown>;
    received.push(result);
    return result;
  };
  const tokensSeen = () => calls.map((c) => c.options.token).filter((t): t is string => typeof t === 'string' && t !== '');
  return { core, admin, calls, ipcMain, binding, received, invoke, tokensSeen };
}

function windowAt(url = APP_URL): FakeBrowserWindow {
  FakeBrowserWindow.pageUrl = url;
  const win = new FakeBrowserWindow({});
  FakeBrowserWindow.pageUrl = APP_URL;
  return win;
}

const login = { method: 'auth.login', input: { username: ADMIN.username, password: ADMIN.password } };

describe('IPC sender check', () => {
  it('answers the top frame of the app page', async () => {
    const { invoke, calls } = await setup();
    const result = await invoke(windowAt().webContents, { method: 'setup.status', input: {} });
    expect(result).toEqual({ ok: true, data: { initialized: true, departmentName: '运营部', defaultLocale: 'zh-CN' } });
    expect(calls.map((c) => c.method)).toEqual(['setup.status']);
  });

  it.each([
    ['another protocol', 'http://127.0.0.1:5170/app/dist/renderer/index.html'],
    ['https', 'https://app/dist/renderer/index.html'],
    ['another file', 'file:///app/dist/renderer/evil.html'],
    ['another folder', 'file:///tmp/index.html'],
    ['a path that only starts like the page', `${APP_URL}.html`],
    ['a file URL with a host', 'file://attacker/app/dist/renderer/index.html'],
    ['about:blank', 'about:blank'],
  ])('refuses %s without reaching the core', async (_name, url) => {
    const { invoke, calls } = await setup();
    expect(await invoke(windowAt(url).webContents, { method: 'setup.status', input: {} })).toEqual(FORBIDDEN);
    expect(calls).toEqual([]);
  });

  it('refuses a subframe, even one showing the app page, and a frame that is gone', async () => {
    const { invoke, calls } = await setup();
    const contents = windowAt().webContents;
    expect(await invoke(contents, { method: 'setup.status', input: {} }, new FakeFrame(APP_URL))).toEqual(FORBIDDEN);
    expect(await invoke(contents, { method: 'setup.status', input: {} }, null)).toEqual(FORBIDDEN);
    expect(calls).toEqual([]);
  });

  it('refuses malformed requests without reaching the core', async () => {
    const { invoke, calls } = await setup();
    const contents = windowAt().webContents;
    for (const bad of [null, 'auth.me', [], 42, {}, { method: 7 }, { method: '' }, { method: 'auth.me', callId: 5 }, { method: 'x'.repeat(101) }]) {
      expect(await invoke(contents, bad)).toEqual(BAD_REQUEST);
    }
    expect(calls).toEqual([]);
  });

  it('passes the call id through and leaves input validation to the core', async () => {
    const { invoke, calls } = await setup();
    const result = await invoke(windowAt().webContents, { method: 'setup.status', input: { extra: 1 }, callId: 'call-1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls[0]!.options).toEqual({ token: null, callId: 'call-1' });
  });
});

describe('session token', () => {
  it('is kept by the main process: the page gets token "" and later calls are signed in', async () => {
    const { invoke, tokensSeen, received } = await setup();
    const contents = windowAt().webContents;
    expect(await invoke(contents, { method: 'auth.me', input: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const result = await invoke(contents, login);
    expect(result).toMatchObject({ ok: true, data: { token: '', user: { username: 'admin' } } });
    expect(await invoke(contents, { method: 'auth.me', input: {} })).toMatchObject({ ok: true, data: { user: { username: 'admin' } } });
    const [token] = tokensSeen();
    expect(token).toBeTruthy();
    expect(JSON.stringify(received)).not.toContain(token!);
  });

  it('belongs to one window: another window is not signed in', async () => {
    const { invoke } = await setup();
    await invoke(windowAt().webContents, login);
    expect(await invoke(windowAt().webContents, { method: 'auth.me', input: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('cannot be supplied by the page', async () => {
    const { invoke, admin, calls } = await setup();
    const contents = windowAt().webContents;
    const result = await invoke(contents, { method: 'auth.me', input: {}, token: admin });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(calls[0]!.options.token).toBeNull();
  });

  it('is not kept after a failed login', async () => {
    const { invoke, tokensSeen } = await setup();
    const contents = windowAt().webContents;
    const failed = await invoke(contents, { method: 'auth.login', input: { username: 'admin', password: 'wrong-password' } });
    expect(failed).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await invoke(contents, { method: 'auth.me', input: {} });
    expect(tokensSeen()).toEqual([]);
  });

  it('ends on auth.logout', async () => {
    const { invoke, core, tokensSeen } = await setup();
    const contents = windowAt().webContents;
    await invoke(contents, login);
    await invoke(contents, { method: 'auth.me', input: {} });
    expect(await invoke(contents, { method: 'auth.logout', input: {} })).toEqual({ ok: true, data: null });
    expect(await invoke(contents, { method: 'auth.me', input: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const token = tokensSeen()[0]!;
    expect(await core.call('auth.me', {}, { token })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('ends when the window contents are destroyed, in the core too', async () => {
    const { invoke, core, tokensSeen, binding } = await setup();
    const win = windowAt();
    await invoke(win.webContents, login);
    await invoke(win.webContents, { method: 'auth.me', input: {} });
    const token = tokensSeen()[0]!;
    expect(binding.userIdFor(win.webContents.id)).toBeTruthy();
    win.destroy();
    expect(binding.userIdFor(win.webContents.id)).toBeNull();
    expect(await core.call('auth.me', {}, { token })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('ends at once when the window closed while signing in', async () => {
    const { ipcMain, core, tokensSeen, binding } = await setup();
    const win = windowAt();
    const pending = ipcMain.invoke(INVOKE_CHANNEL, win.webContents.invokeEvent(), login);
    win.destroy();
    await pending;
    expect(binding.userIdFor(win.webContents.id)).toBeNull();
    // Calls run one at a time in the core: once this one is answered, main's auth.logout has run.
    await core.call('setup.status', {}, {});
    const [token] = tokensSeen();
    expect(token).toBeTruthy();
    expect(await core.call('auth.me', {}, { token })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('is replaced when the window signs in again, and the earlier session ends', async () => {
    const { invoke, core, tokensSeen } = await setup();
    const contents = windowAt().webContents;
    await invoke(contents, login);
    await invoke(contents, { method: 'auth.me', input: {} });
    const first = tokensSeen().at(-1)!;
    await invoke(contents, login);
    await invoke(contents, { method: 'auth.me', input: {} });
    const second = tokensSeen().at(-1)!;
    expect(second).not.toBe(first);
    expect(await core.call('auth.me', {}, { token: first })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await core.call('auth.me', {}, { token: second })).toMatchObject({ ok: true });
  });

  it('tells who is signed in on a window, for notifications', async () => {
    const { invoke, binding } = await setup();
    const contents = windowAt().webContents;
    expect(binding.userIdFor(contents.id)).toBeNull();
    const result = (await invoke(contents, login)) as { ok: true; data: { user: { id: string } } };
    expect(binding.userIdFor(contents.id)).toBe(result.data.user.id);
  });
});

describe('dispose', () => {
  it('removes the handler and forgets sessions', async () => {
    const { invoke, ipcMain, binding } = await setup();
    const contents = windowAt().webContents;
    await invoke(contents, login);
    binding.dispose();
    expect(ipcMain.handlers.has(INVOKE_CHANNEL)).toBe(false);
    expect(binding.userIdFor(contents.id)).toBeNull();
  });
});

describe('event forwarding', () => {
  /** A stand-in core that emits events on demand. */
  function emittingCore() {
    const listeners = new Set<(event: CoreEvent) => void>();
    const core: CorePort = {
      call: async () => ({ ok: true, data: null }),
      on: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    return { core, emit: (event: CoreEvent) => listeners.forEach((l) => l(event)), listeners };
  }

  it('sends every core event to every open window on the event channel', () => {
    const { core, emit, listeners } = emittingCore();
    const binding = bindInvoke(new FakeIpcMain(), core, FakeBrowserWindow, { indexHtml: files.indexHtml });
    const a = windowAt();
    const b = windowAt();
    const gone = windowAt();
    gone.destroy();
    const progress: CoreEvent = { type: 'progress', callId: 'c1', done: 3, total: 10, phase: 'import' };
    const inbox: CoreEvent = { type: 'inbox', userIds: ['u1'] };
    emit(progress);
    emit(inbox);
    for (const win of [a, b]) {
      expect(win.webContents.sent).toEqual([
        { channel: EVENT_CHANNEL, args: [progress] },
        { channel: EVENT_CHANNEL, args: [inbox] },
      ]);
    }
    expect(gone.webContents.sent).toEqual([]);
    binding.dispose();
    expect(listeners.size).toBe(0);
    emit(inbox);
    expect(a.webContents.sent).toHaveLength(2);
  });

  it('forwards events the real core emits', async () => {
    const { core, binding } = await setup();
    const win = windowAt();
    // The kernel pushes events through services.emit (e.g. when a notification is created).
    await core.runInternal('test.notify', null, async (ctx) => {
      ctx.services.emit({ type: 'inbox', userIds: ['someone'] });
    });
    expect(win.webContents.sent).toEqual([{ channel: EVENT_CHANNEL, args: [{ type: 'inbox', userIds: ['someone'] }] }]);
    binding.dispose();
  });
});
