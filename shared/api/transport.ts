import type { ApiResult } from '../domain/errors.js';
import type { CoreEvent, CoreEventType } from './events.js';

/**
 * What the renderer sends through the one invoke: a contract method, its (unvalidated) input and an
 * optional call id that matches 'progress' events to this call. The session token is never part of
 * it: in Electron the main process adds it, in browser mode the HTTP client does.
 */
export interface InvokeRequest {
  method: string;
  input: unknown;
  callId?: string;
}

/** The event of one type, e.g. `EventOf<'progress'>`. */
export type EventOf<T extends CoreEventType> = Extract<CoreEvent, { type: T }>;

/**
 * `window.opsdesk`: the only object the Electron preload exposes to the page (ARCHITECTURE,
 * electron/preload). Both sides import this type; neither imports electron for it.
 */
export interface OpsDeskBridge {
  /** One contract call; resolves to the envelope, never rejects for an API error. */
  invoke(request: InvokeRequest): Promise<ApiResult<unknown>>;
  /** Subscribes to pushed core events of one type; returns the unsubscribe function. */
  on<T extends CoreEventType>(type: T, callback: (event: EventOf<T>) => void): () => void;
}

/** The IPC channel names, shared by preload and main. */
export const INVOKE_CHANNEL = 'opsdesk:invoke';
export const EVENT_CHANNEL = 'opsdesk:event';
