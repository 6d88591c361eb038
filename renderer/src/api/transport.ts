import type { ApiResult } from '../../../shared/domain/errors';
import type { CoreEvent, CoreEventType } from '../../../shared/api/events';
import type { EventOf, InvokeRequest, OpsDeskBridge } from '../../../shared/api/transport';

declare global {
  interface Window {
    /** Present in the desktop app: exposed by electron/preload. */
    opsdesk?: OpsDeskBridge;
  }
}

/**
 * How calls reach the core. In Electron, `window.opsdesk` (the preload) and the main process keep
 * the session token. In browser mode, HTTP to the local bridge with the per-launch key (from the
 * address the bridge printed) and the session token, both kept in sessionStorage so a reload
 * keeps the user signed in.
 */
export interface Transport {
  invoke(request: InvokeRequest): Promise<ApiResult<unknown>>;
  on<T extends CoreEventType>(type: T, callback: (event: EventOf<T>) => void): () => void;
  /** Browser mode only: remember/forget the session token. */
  setToken(token: string | null): void;
}

const KEY_STORAGE = 'opsdesk.key';
const TOKEN_STORAGE = 'opsdesk.token';

/** The message of a call the bridge refused for a wrong or missing launch key. */
export const BRIDGE_KEY_REFUSED = 'error.bridgeKey';

/**
 * Whether calls can carry a launch key: always in the desktop app; in browser mode once this tab
 * was opened with the address the bridge printed (`?key=`, kept for reloads). Without one every
 * call is refused, so the app says which address to open instead of showing a sign-in.
 */
export function hasBridgeKey(): boolean {
  return Boolean(window.opsdesk) || Boolean(sessionStorage.getItem(KEY_STORAGE));
}

/** Takes the bridge key from the address (?key=...) once, then removes it from the address bar. */
export function captureBridgeKey(): void {
  const params = new URLSearchParams(window.location.search);
  const key = params.get('key');
  if (!key) return;
  sessionStorage.setItem(KEY_STORAGE, key);
  params.delete('key');
  const query = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
}

function electronTransport(bridge: OpsDeskBridge): Transport {
  return { invoke: (r) => bridge.invoke(r), on: (type, cb) => bridge.on(type, cb), setToken: () => {} };
}

function httpTransport(): Transport {
  const listeners = new Map<CoreEventType, Set<(e: CoreEvent) => void>>();
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source) return;
    const key = sessionStorage.getItem(KEY_STORAGE) ?? '';
    source = new EventSource(`/api/events?key=${encodeURIComponent(key)}`);
    for (const type of ['progress', 'inbox', 'navigate'] as const) {
      source.addEventListener(type, (message) => {
        const event = JSON.parse((message as MessageEvent<string>).data) as CoreEvent;
        listeners.get(event.type)?.forEach((cb) => cb(event));
      });
    }
  };
  return {
    async invoke(request) {
      const token = sessionStorage.getItem(TOKEN_STORAGE);
      let response: Response;
      try {
        response = await fetch('/api/invoke', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-OpsDesk-Key': sessionStorage.getItem(KEY_STORAGE) ?? '',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify(request),
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'error.network' } };
      }
      if (response.status === 403) return { ok: false, error: { code: 'FORBIDDEN', message: BRIDGE_KEY_REFUSED } };
      if (!response.ok) return { ok: false, error: { code: 'INTERNAL', message: 'error.network' } };
      return (await response.json()) as ApiResult<unknown>;
    },
    on(type, callback) {
      ensureEvents();
      const set = listeners.get(type) ?? new Set();
      set.add(callback as (e: CoreEvent) => void);
      listeners.set(type, set);
      return () => set.delete(callback as (e: CoreEvent) => void);
    },
    setToken(token) {
      if (token) sessionStorage.setItem(TOKEN_STORAGE, token);
      else sessionStorage.removeItem(TOKEN_STORAGE);
    },
  };
}

let current: Transport | null = null;

export function transport(): Transport {
  current ??= window.opsdesk ? electronTransport(window.opsdesk) : httpTransport();
  return current;
}

/** Tests swap in a fake transport. */
export function setTransport(t: Transport | null): void {
  current = t;
}
