import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Core } from '../core/index.js';
import type { CoreEvent } from '../../shared/api/events.js';
import { hostAllowed, keyMatches, newSecret, originAllowed, SECURITY_HEADERS } from './security.js';
import { resolveStatic, staticBody } from './static-files.js';

/**
 * Browser mode: the same core, served over HTTP on 127.0.0.1 for `npm run web` and the e2e tests.
 * Endpoints: POST /api/invoke (the one invoke), GET /api/events (server-sent events), and the built
 * renderer. Not part of the packaged desktop app.
 */
export interface BridgeOptions {
  core: Core;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer); null serves the API only. */
  staticDir: string | null;
  secret?: string;
  /** Largest request body accepted (default MAX_BODY_BYTES); tests use a small one. */
  maxBodyBytes?: number;
}

export interface Bridge {
  url: string;
  /** The address to open: the URL with the per-launch key the page must send back. */
  openUrl: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const secret = options.secret ?? newSecret();
  const staticRoot = options.staticDir ? path.resolve(options.staticDir) : null;
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'text/plain', 'Internal error'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port) || !originAllowed(req, port)) return send(res, 403, 'text/plain', 'Forbidden');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/api/invoke') return invoke(req, res);
    if (url.pathname === '/api/events') return events(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    const found = staticRoot ? resolveStatic(staticRoot, url.pathname) : null;
    if (!found) return send(res, 404, 'text/plain', 'Not found');
    const { headers, body } = await staticBody(found, header(req, 'accept-encoding'));
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': found.type,
      'Cache-Control': found.file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Method not allowed');
    if (!keyMatches(header(req, 'x-opsdesk-key'), secret)) return send(res, 403, 'text/plain', 'Forbidden');
    // Requiring JSON also keeps out cross-site "simple" form posts, which cannot set this type.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'Expected JSON');
    const body = await readBody(req, options.maxBodyBytes ?? MAX_BODY_BYTES);
    if (body === null) return refuseTooLarge(req, res);
    const message = parseMessage(body);
    if (!message) return sendJson(res, BAD_REQUEST, 400);
    const auth = header(req, 'authorization');
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
    const result = await options.core.call(typeof message.method === 'string' ? message.method : '', message.input, {
      token,
      callId: typeof message.callId === 'string' ? message.callId.slice(0, 100) : null,
      // No source: the bridge listens on 127.0.0.1 only, so every caller is this machine and a
      // per-address sign-in limit would let any local program slow the user at the browser down
      // (the per-username limit still applies; auth/throttle.ts).
      source: null,
    });
    sendJson(res, result);
  }

  function events(req: IncomingMessage, res: ServerResponse, url: URL): void {
    // EventSource cannot set headers, so the key comes in the query string.
    if (!keyMatches(url.searchParams.get('key'), secret)) return send(res, 403, 'text/plain', 'Forbidden');
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  const unsubscribe = options.core.on((event: CoreEvent) => {
    const frame = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?key=${secret}`,
    port,
    secret,
    close: async () => {
      unsubscribe();
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A page that stays open keeps connections alive (keep-alive, an event stream reconnecting):
      // closing must not wait for the browser to let go of them.
      server.closeAllConnections();
      await closed;
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const BAD_REQUEST = { ok: false, error: { code: 'VALIDATION', message: 'error.badRequest' } } as const;

/** The one invoke's body: a JSON object. `null`, an array, a number... are a bad request. */
function parseMessage(body: string): { method?: unknown; input?: unknown; callId?: unknown } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
}

/**
 * The body as text, or null once it is larger than `limit` (a declared Content-Length says so at
 * once). The rest of an oversized body is read and dropped rather than the socket destroyed: a
 * client still sending would otherwise get a connection reset instead of the 413 answer.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      chunks.length = 0;
      req.off('data', onData);
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks).toString('utf8') : null));
    req.on('error', reject);
  });
}

/** How long an oversized upload may go on being drained after its 413 was sent. */
const DRAIN_GRACE_MS = 2000;

/** 413, then the connection closes once the client has stopped sending (or the grace is over). */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(413, { 'Content-Type': 'text/plain', 'X-Content-Type-Options': 'nosniff', Connection: 'close' });
  res.end('Request too large');
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_GRACE_MS);
  timer.unref();
  req.once('end', () => {
    clearTimeout(timer);
    req.socket.end();
  });
  req.once('close', () => clearTimeout(timer));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(JSON.stringify(value));
}
