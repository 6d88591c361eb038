import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiCallError, onSessionLost } from '../../renderer/src/api/client';
import { setTransport, type Transport } from '../../renderer/src/api/transport';
import type { CoreEvent } from '../../shared/api/events';

/** A transport that answers from a table and records what it was asked, as the bridge or IPC would. */
function fakeTransport(answers: Record<string, unknown>) {
  const calls: { method: string; input: unknown; callId?: string }[] = [];
  const listeners = new Set<(e: CoreEvent) => void>();
  let token: string | null = null;
  const t: Transport & { calls: typeof calls; emit(e: CoreEvent): void; token(): string | null } = {
    calls,
    token: () => token,
    emit: (e) => listeners.forEach((l) => l(e)),
    async invoke(request) {
      calls.push(request);
      const answer = answers[request.method];
      if (typeof answer === 'function') return (answer as (r: typeof request, emit: (e: CoreEvent) => void) => unknown)(request, t.emit) as never;
      return answer as never;
    },
    on(_type, cb) {
      listeners.add(cb as (e: CoreEvent) => void);
      return () => listeners.delete(cb as (e: CoreEvent) => void);
    },
    setToken(value) {
      token = value;
    },
  };
  return t;
}

afterEach(() => setTransport(null));

describe('the typed API client', () => {
  it('returns data on success and throws ApiCallError with the envelope on failure', async () => {
    const t = fakeTransport({
      'setup.status': { ok: true, data: { initialized: true, departmentName: '运营部' } },
      'org.groups.create': { ok: false, error: { code: 'VALIDATION', message: 'error.validation', fields: { name: 'validation.required' } } },
    });
    setTransport(t);
    expect(await api('setup.status', {})).toEqual({ initialized: true, departmentName: '运营部' });
    const err = await api('org.groups.create', { name: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).error.fields).toEqual({ name: 'validation.required' });
  });

  it('keeps the session token from a login and forgets it on logout (browser mode)', async () => {
    const t = fakeTransport({
      'auth.login': { ok: true, data: { token: 'secret-token', user: {} } },
      'auth.logout': { ok: true, data: null },
    });
    setTransport(t);
    await api('auth.login', { username: 'a', password: 'b' });
    expect(t.token()).toBe('secret-token');
    await api('auth.logout', {});
    expect(t.token()).toBeNull();
  });

  it('reports a lost session, except for a failed login', async () => {
    const lost = vi.fn();
    onSessionLost(lost);
    const t = fakeTransport({
      'auth.me': { ok: false, error: { code: 'UNAUTHENTICATED', message: 'error.unauthenticated' } },
      'auth.login': { ok: false, error: { code: 'UNAUTHENTICATED', message: 'error.invalidCredentials' } },
    });
    setTransport(t);
    await expect(api('auth.me', {})).rejects.toBeInstanceOf(ApiCallError);
    expect(lost).toHaveBeenCalledTimes(1);
    await expect(api('auth.login', { username: 'a', password: 'b' })).rejects.toBeInstanceOf(ApiCallError);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('delivers progress events of its own call only', async () => {
    const seen: number[] = [];
    const t = fakeTransport({
      'org.employees.export': (request: { callId?: string }, emit: (e: CoreEvent) => void) => {
        emit({ type: 'progress', callId: 'someone-else', done: 9, total: 10, phase: 'writing' });
        emit({ type: 'progress', callId: request.callId!, done: 1, total: 2, phase: 'writing' });
        return { ok: true, data: { fileName: 'a.xlsx', mimeType: 'x', contentBase64: '' } };
      },
    });
    setTransport(t);
    await api('org.employees.export', {}, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1]);
    expect(t.calls[0]!.callId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
