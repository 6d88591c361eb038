import type { CoreEvent } from '../../shared/api/events.js';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/api/transport.js';
import type { ApiResult } from '../../shared/domain/errors.js';
import type { CallFn } from '../core/index.js';
import { isAppPage } from './files.js';
import type { InvokeEventPort, IpcMainPort, WebContentsPort, WindowListPort } from './ports.js';

/** The part of the core the IPC binding needs. */
export interface CorePort {
  call: CallFn;
  on(listener: (event: CoreEvent) => void): () => void;
}

export const FORBIDDEN_RESULT: ApiResult<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'error.forbidden' } };
export const BAD_REQUEST_RESULT: ApiResult<never> = { ok: false, error: { code: 'VALIDATION', message: 'error.badRequest' } };
const INTERNAL_RESULT: ApiResult<never> = { ok: false, error: { code: 'INTERNAL', message: 'error.internal' } };

const MAX_METHOD_LENGTH = 100;
const MAX_CALL_ID_LENGTH = 100;

export interface IpcOptions {
  /** The app's page; only its top frame may call. */
  indexHtml: string;
  log?: (message: string, err?: unknown) => void;
}

export interface IpcBinding {
  /** The signed-in user of a window's contents, if any (for desktop notifications). */
  userIdFor(webContentsId: number): string | null;
  /** Stops answering, forgets every session and stops forwarding events (before the core closes). */
  dispose(): void;
}

interface Session {
  token: string;
  userId: string;
}

type ParsedRequest = { method: string; input: unknown; callId: string | null };

/** Checks the one invoke's shape: `{method: string, input?: unknown, callId?: string}`. */
export function parseRequest(raw: unknown): ParsedRequest | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { method, input, callId } = raw as Record<string, unknown>;
  if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) return null;
  if (callId !== undefined && callId !== null && (typeof callId !== 'string' || callId.length > MAX_CALL_ID_LENGTH)) return null;
  return { method, input, callId: typeof callId === 'string' ? callId : null };
}

/** The sender must be the top frame of a window showing the app's own page (file://.../index.html). */
export function senderAllowed(event: InvokeEventPort, indexHtml: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppPage(frame.url, indexHtml);
}

/**
 * Binds the one IPC channel to the core (ARCHITECTURE: one invoke, sender checked) and forwards
 * core events to every window.
 *
 * The session token never reaches the renderer: a successful auth.login's token is kept here per
 * webContents and the page gets the result with `token: ''`; every later call from that
 * webContents carries it; auth.logout or the webContents' destruction ends it.
 */
export function bindInvoke(ipcMain: IpcMainPort, core: CorePort, windows: WindowListPort, options: IpcOptions): IpcBinding {
  const log = options.log ?? (() => {});
  const sessions = new Map<number, Session>();
  const watched = new Set<number>();
  let disposed = false;

  const endSession = (token: string): void => {
    if (disposed) return;
    // The core forgets the session too; a failure here only means it was already gone.
    core.call('auth.logout', {}, { token }).catch((err: unknown) => log('Ending a session failed', err));
  };

  const watch = (contents: WebContentsPort): void => {
    if (watched.has(contents.id)) return;
    watched.add(contents.id);
    contents.once('destroyed', () => {
      watched.delete(contents.id);
      const session = sessions.get(contents.id);
      sessions.delete(contents.id);
      if (session) endSession(session.token);
    });
  };

  ipcMain.handle(INVOKE_CHANNEL, async (event, raw) => {
    if (disposed || !senderAllowed(event, options.indexHtml)) return FORBIDDEN_RESULT;
    const request = parseRequest(raw);
    if (!request) return BAD_REQUEST_RESULT;
    const contents = event.sender;
    const before = sessions.get(contents.id);
    let result: ApiResult<unknown>;
    try {
      result = await core.call(request.method, request.input, { token: before?.token ?? null, callId: request.callId });
    } catch (err) {
      log(`IPC call ${request.method} failed`, err);
      return INTERNAL_RESULT;
    }
    if (request.method === 'auth.logout') {
      if (sessions.get(contents.id) === before) sessions.delete(contents.id);
      return result;
    }
    if (request.method === 'auth.login' && result.ok) {
      const data = result.data as { token?: unknown; user: { id: string } };
      if (typeof data.token !== 'string' || data.token === '') return INTERNAL_RESULT;
      // The window closed while signing in: nobody can use this session.
      if (contents.isDestroyed()) {
        endSession(data.token);
        return FORBIDDEN_RESULT;
      }
      sessions.set(contents.id, { token: data.token, userId: data.user.id });
      watch(contents);
      // Signing in again replaces the earlier session of this window.
      if (before && before.token !== data.token) endSession(before.token);
      return { ok: true, data: { ...data, token: '' } };
    }
    return result;
  });

  const unsubscribe = core.on((event) => {
    for (const win of windows.getAllWindows()) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
      win.webContents.send(EVENT_CHANNEL, event);
    }
  });

  return {
    userIdFor: (id) => sessions.get(id)?.userId ?? null,
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      sessions.clear();
      ipcMain.removeHandler(INVOKE_CHANNEL);
    },
  };
}
