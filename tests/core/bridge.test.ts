import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startBridge } from '../../electron/bridge/server.js';
import { openCore } from './support/harness.js';

/** Issue 6 item 5 (bridge): a body of `null`, and a body over the limit, through a real HTTP client. */
interface Reply {
  status: number;
  body: string;
}

function post(port: number, secret: string, body: string | Buffer[], headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/invoke', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-OpsDesk-Key': secret, Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (typeof body === 'string') req.end(body);
    else {
      // Streamed without a Content-Length: the server finds out only while reading.
      const write = (i: number): void => {
        if (i === body.length) return void req.end();
        if (req.destroyed) return;
        req.write(body[i], () => write(i + 1));
      };
      write(0);
    }
  });
}

async function withBridge(maxBodyBytes: number | undefined, fn: (b: Awaited<ReturnType<typeof startBridge>>) => Promise<void>): Promise<void> {
  const { core } = await openCore();
  const b = await startBridge({ core, staticDir: null, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  try {
    await fn(b);
  } finally {
    await b.close();
  }
}

describe('the bridge', () => {
  it('answers a JSON body that is not an object (null, an array, a number) with the VALIDATION envelope and 400', () =>
    withBridge(undefined, async (b) => {
      for (const body of ['null', '[]', '42', '"text"', '{not json']) {
        const reply = await post(b.port, b.secret, body);
        expect({ body, status: reply.status, json: JSON.parse(reply.body) as unknown }).toEqual({
          body,
          status: 400,
          json: { ok: false, error: { code: 'VALIDATION', message: 'error.badRequest' } },
        });
      }
      // An ordinary call still works.
      expect(JSON.parse((await post(b.port, b.secret, JSON.stringify({ method: 'setup.status', input: {} }))).body)).toMatchObject({ ok: true });
    }));

  it('answers a body over the limit with 413, which the client receives before the connection closes', () =>
    withBridge(64 * 1024, async (b) => {
      const chunk = Buffer.alloc(16 * 1024, 'x');
      // Declared too large: refused before reading.
      expect((await post(b.port, b.secret, 'x'.repeat(70 * 1024))).status).toBe(413);
      // Streamed (chunked, no length): found out while reading, the client keeps sending for a while.
      const streamed = await post(b.port, b.secret, Array.from({ length: 40 }, () => chunk));
      expect(streamed).toEqual({ status: 413, body: 'Request too large' });
      // The server is fine afterwards.
      expect((await post(b.port, b.secret, JSON.stringify({ method: 'setup.status', input: {} }))).status).toBe(200);
    }));

  // Every caller of the bridge is on this machine (it listens on 127.0.0.1 only): counting sign-in
  // failures per address would let any local program lock the person at the browser out.
  it('does not throttle sign-in by address: the bridge only ever sees this machine', async () => {
    const { core } = await openCore();
    const setup = await core.call('setup.initialize', { departmentName: '运营部', adminUsername: 'admin', adminPassword: 'Admin-pass-1' });
    expect(setup.ok).toBe(true);
    const b = await startBridge({ core, staticDir: null });
    try {
      const login = async (username: string, password: string) =>
        JSON.parse((await post(b.port, b.secret, JSON.stringify({ method: 'auth.login', input: { username, password } }))).body) as { ok: boolean; error?: { code: string } };
      for (let i = 0; i < 12; i++) expect(await login(`guess${i}`, 'Wrong-pass-1')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await login('admin', 'Admin-pass-1')).toMatchObject({ ok: true });
    } finally {
      await b.close();
    }
  });
});
