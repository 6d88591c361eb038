/**
 * The preload: exposes exactly one object, `window.opsdesk = { invoke, on }`, through contextBridge
 * (ARCHITECTURE, electron/preload). Nothing else crosses; ipcRenderer itself is never exposed, and
 * the IPC event object (whose `sender` is ipcRenderer) never reaches a page callback.
 *
 * CommonJS and self-contained: a sandboxed preload cannot be an ES module and can require only
 * 'electron' (and a few Node shims), not our other files. Imports of our modules here are type-only,
 * so the channel names are repeated from shared/api/transport.ts (tests/main/preload.test.ts checks
 * they agree).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResult } from '../../shared/domain/errors.js' with { 'resolution-mode': 'import' };
import type { CoreEvent } from '../../shared/api/events.js' with { 'resolution-mode': 'import' };
import type { EventOf, InvokeRequest, OpsDeskBridge } from '../../shared/api/transport.js' with { 'resolution-mode': 'import' };

const INVOKE_CHANNEL = 'opsdesk:invoke';
const EVENT_CHANNEL = 'opsdesk:event';

const bridge: OpsDeskBridge = {
  async invoke(request: InvokeRequest): Promise<ApiResult<unknown>> {
    // Only the three known fields are sent; the main process validates them again.
    const message = { method: request?.method, input: request?.input, callId: request?.callId };
    try {
      return (await ipcRenderer.invoke(INVOKE_CHANNEL, message)) as ApiResult<unknown>;
    } catch {
      // The handler does not throw; this covers an input that cannot be cloned or a torn-down window.
      return { ok: false, error: { code: 'INTERNAL', message: 'error.internal' } };
    }
  },
  on(type, callback) {
    const listener = (_event: IpcRendererEvent, payload: CoreEvent): void => {
      if (payload && payload.type === type) callback(payload as EventOf<typeof type>);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('opsdesk', bridge);
