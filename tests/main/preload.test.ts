import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type OpsDeskBridge } from '../../shared/api/transport.js';
import type { CoreEvent } from '../../shared/api/events.js';

/**
 * The preload runs in Electron's sandbox, where `require` offers only 'electron'. Here its source is
 * compiled as tsc would (CommonJS) and run in a fresh context whose `require` hands out a fake
 * contextBridge and ipcRenderer, and refuses everything else.
 */
const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/preload/index.cts'), 'utf8');
const compiled = ts.transpileModule(source, {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  fileName: 'index.cts',
}).outputText;

type IpcListener = (event: unknown, payload: unknown) => void;

function loadPreload(invokeImpl: (channel: string, message: unknown) => Promise<unknown> = async () => ({ ok: true, data: null })) {
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const invoked: { channel: string; message: unknown }[] = [];
  const listeners = new Map<string, IpcListener[]>();
  const ipcRenderer = {
    invoke: (channel: string, message: unknown) => {
      invoked.push({ channel, message });
      return invokeImpl(channel, message);
    },
    on: (channel: string, listener: IpcListener) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    },
    removeListener: (channel: string, listener: IpcListener) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      );
    },
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) };
  const fakeRequire = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found in the sandbox: ${name}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(compiled, { require: fakeRequire, module, exports: module.exports });
  const emit = (payload: unknown): void => {
    for (const l of listeners.get(EVENT_CHANNEL) ?? []) l({ sender: ipcRenderer }, payload);
  };
  return { exposed, required, invoked, listeners, emit, bridge: exposed.get('opsdesk') as OpsDeskBridge };
}

describe('preload', () => {
  it('exposes exactly window.opsdesk = {invoke, on} and requires nothing but electron', () => {
    const { exposed, required, bridge } = loadPreload();
    expect([...exposed.keys()]).toEqual(['opsdesk']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
    expect(required).toEqual(['electron']);
  });

  it('sends invoke on the one channel with only method, input and callId', async () => {
    const { invoked, bridge } = loadPreload(async () => ({ ok: true, data: { answer: 42 } }));
    const request = { method: 'org.groups.list', input: { page: 1 }, callId: 'c1', token: 'smuggled' };
    await expect(bridge.invoke(request)).resolves.toEqual({ ok: true, data: { answer: 42 } });
    expect(invoked).toEqual([{ channel: INVOKE_CHANNEL, message: { method: 'org.groups.list', input: { page: 1 }, callId: 'c1' } }]);
  });

  it('turns a failed IPC round trip into an INTERNAL envelope instead of a rejection', async () => {
    const { bridge } = loadPreload(() => Promise.reject(new Error("No handler registered for 'opsdesk:invoke'")));
    await expect(bridge.invoke({ method: 'auth.me', input: {} })).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'error.internal' },
    });
  });

  it('delivers events of the subscribed type only, without the IPC event, until unsubscribed', () => {
    const { bridge, emit, listeners } = loadPreload();
    const progress: unknown[] = [];
    const inbox: unknown[] = [];
    const stopProgress = bridge.on('progress', (e) => progress.push(e));
    bridge.on('inbox', (e) => inbox.push(e));
    const p: CoreEvent = { type: 'progress', callId: 'c1', done: 1, total: 2, phase: 'import' };
    const i: CoreEvent = { type: 'inbox', userIds: ['u1'] };
    emit(p);
    emit(i);
    emit(null);
    expect(progress).toEqual([p]);
    expect(inbox).toEqual([i]);
    stopProgress();
    emit(p);
    expect(progress).toHaveLength(1);
    expect(listeners.get(EVENT_CHANNEL)).toHaveLength(1);
  });

  it('uses the channel names of shared/api/transport.ts', () => {
    expect(source).toContain(`'${INVOKE_CHANNEL}'`);
    expect(source).toContain(`'${EVENT_CHANNEL}'`);
  });
});
