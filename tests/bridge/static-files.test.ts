import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../electron/bridge/server.js';
import { negotiateEncoding, precompressed } from '../../electron/bridge/static-files.js';
import { openCore, tempDir } from '../core/support/harness.js';

/** The bridge serves the built renderer compressed: brotli or gzip as the browser accepts, bytes compressed once per file. */

const started: Bridge[] = [];
afterEach(async () => {
  for (const bridge of started.splice(0)) await bridge.close();
});

/** A renderer folder with a script big enough to be worth compressing, a page and an image. */
function rendererFolder(): { root: string; script: Buffer; page: Buffer; image: Buffer } {
  const root = tempDir('opsdesk-static-');
  fs.mkdirSync(path.join(root, 'assets'));
  const script = Buffer.from(Array.from({ length: 2_000 }, (_, i) => `export const value${i} = 'OpsDesk 运营部 ${i % 7}';\n`).join(''));
  const page = Buffer.from(`<!doctype html><html><head><title>OpsDesk</title></head><body>${'<div></div>'.repeat(200)}</body></html>`);
  const image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(4_000, 7)]);
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), script);
  fs.writeFileSync(path.join(root, 'index.html'), page);
  fs.writeFileSync(path.join(root, 'assets', 'logo.png'), image);
  return { root, script, page, image };
}

async function serve(root: string): Promise<Bridge> {
  const { core } = await openCore();
  const bridge = await startBridge({ core, port: 0, staticDir: root });
  started.push(bridge);
  return bridge;
}

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with raw bytes back (fetch would decompress and hide the encoding). */
function get(bridge: Bridge, urlPath: string, acceptEncoding?: string, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: bridge.port, path: urlPath, method, headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('bridge static files', () => {
  it('serves scripts brotli-compressed when the browser accepts br, and gzip otherwise', async () => {
    const { root, script } = rendererFolder();
    const bridge = await serve(root);
    await precompressed(path.join(root, 'assets', 'app.js'));

    const br = await get(bridge, '/assets/app.js', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 5);
    expect(zlib.brotliDecompressSync(br.body).equals(script)).toBe(true);

    const gzip = await get(bridge, '/assets/app.js', 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toBe('Accept-Encoding');
    expect(Number(gzip.headers['content-length'])).toBe(gzip.body.length);
    expect(zlib.gunzipSync(gzip.body).equals(script)).toBe(true);

    const plain = await get(bridge, '/assets/app.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding'); // a cache must not hand this to a br client, or the reverse
    expect(plain.body.equals(script)).toBe(true);
  });

  it('compresses the page itself, keeps its security headers and answers HEAD with the same headers', async () => {
    const { root, page } = rendererFolder();
    const bridge = await serve(root);
    const res = await get(bridge, '/', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(zlib.gunzipSync(res.body).equals(page)).toBe(true);
    const head = await get(bridge, '/', 'gzip', 'HEAD');
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(res.headers['content-length']);
  });

  it('does not compress images, which are compressed already', async () => {
    const { root, image } = rendererFolder();
    const bridge = await serve(root);
    const res = await get(bridge, '/assets/logo.png', 'gzip, br');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
    expect(res.body.equals(image)).toBe(true);
  });

  it('compresses each file once, and again only when the file changes', async () => {
    const { root } = rendererFolder();
    const file = path.join(root, 'assets', 'app.js');
    const bridge = await serve(root);
    const first = await precompressed(file);
    const sameBytes = async () => {
      const again = await precompressed(file);
      return again.br === first.br && again.gzip === first.gzip; // the same buffers: not compressed anew
    };
    expect(first.br).not.toBeNull();
    expect(await sameBytes()).toBe(true);
    await get(bridge, '/assets/app.js', 'br');
    await get(bridge, '/assets/app.js', 'gzip');
    expect(await sameBytes()).toBe(true);

    const rebuilt = Buffer.from('export const rebuilt = true;\n'.repeat(100));
    fs.writeFileSync(file, rebuilt);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    await precompressed(file);
    const res = await get(bridge, '/assets/app.js', 'br');
    expect(zlib.brotliDecompressSync(res.body).equals(rebuilt)).toBe(true);
  });

  it('follows the browser’s preferences (q-values, identity, wildcard)', () => {
    const both = ['br', 'gzip'] as const;
    expect(negotiateEncoding(undefined, both)).toBe('identity');
    expect(negotiateEncoding('', both)).toBe('identity');
    expect(negotiateEncoding('gzip, deflate, br', both)).toBe('br');
    expect(negotiateEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(negotiateEncoding('gzip;q=0.5, br;q=0.8', both)).toBe('br');
    expect(negotiateEncoding('gzip;q=1, br;q=0.8', both)).toBe('gzip');
    expect(negotiateEncoding('BR', both)).toBe('br');
    expect(negotiateEncoding('x-gzip', both)).toBe('gzip');
    expect(negotiateEncoding('*', both)).toBe('br');
    expect(negotiateEncoding('*;q=0', both)).toBe('identity');
    expect(negotiateEncoding('identity', both)).toBe('identity');
    expect(negotiateEncoding('deflate', both)).toBe('identity');
    expect(negotiateEncoding('gzip;q=nonsense, br', both)).toBe('br');
    expect(negotiateEncoding('br', ['gzip'])).toBe('identity'); // br not ready yet, gzip not accepted
  });

  it('answers a path with a NUL byte (%00) as not found, not as a server error', async () => {
    const bridge = await serve(rendererFolder().root);
    for (const urlPath of ['/index.html%00', '/assets/%00app.js', '/%00']) expect({ urlPath, status: (await get(bridge, urlPath)).status }).toEqual({ urlPath, status: 404 });
    expect((await get(bridge, '/index.html')).status).toBe(200);
  });
});
