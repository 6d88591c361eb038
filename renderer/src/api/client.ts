import type { InputOf, MethodName, OutputOf } from '../../../shared/api/index';
import type { ApiError } from '../../../shared/domain/errors';
import { transport } from './transport';

/** A failed call, thrown by `api()` so query hooks and forms can handle it. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

let sessionLost: (() => void) | null = null;

/** The app registers what to do when the core says the session is gone (back to login). */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

export interface CallOptions {
  /** Progress of long calls (imports, exports). */
  onProgress?: (p: { done: number; total: number; phase: string }) => void;
}

/** The typed client: one contract method, its input, its output; throws ApiCallError on failure. */
export async function api<M extends MethodName>(method: M, input: InputOf<M>, options: CallOptions = {}): Promise<OutputOf<M>> {
  const t = transport();
  const callId = options.onProgress ? crypto.randomUUID() : undefined;
  const unsubscribe = options.onProgress
    ? t.on('progress', (e) => {
        if (e.callId === callId) options.onProgress!({ done: e.done, total: e.total, phase: e.phase });
      })
    : null;
  try {
    const result = await t.invoke({ method, input, ...(callId ? { callId } : {}) });
    if (!result.ok) {
      if (result.error.code === 'UNAUTHENTICATED' && method !== 'auth.login') sessionLost?.();
      throw new ApiCallError(result.error);
    }
    if (method === 'auth.login') t.setToken((result.data as OutputOf<'auth.login'>).token || null);
    if (method === 'auth.logout') t.setToken(null);
    return result.data as OutputOf<M>;
  } finally {
    unsubscribe?.();
  }
}
