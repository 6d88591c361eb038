#!/usr/bin/env node
/**
 * Draws the OpsDesk app icon and writes it in the formats electron-builder needs, with nothing but
 * Node (no image tools, no network): `node scripts/make-icons.mjs [--out DIR]` (default resources/).
 *
 *   icon.png      1024x1024  Linux packages (AppImage, deb) and the source for anything else
 *   icon-512.png   512x512   a smaller copy (window icon on Linux, documentation)
 *   icon.ico      16, 32, 48, 64, 128, 256, PNG-compressed entries (Windows exe, NSIS, MSI)
 *   icon.icns     ic07 128, ic08 256, ic09 512, ic10 1024, PNG entries (macOS app and dmg)
 *
 * The mark: a blue (#1f5fbf) rounded square with a white organisation chart (one unit above three),
 * the department OpsDesk runs. Shapes are signed distance functions, so every size is drawn from
 * the vector description (not scaled down from 1024) with one pixel of anti-aliasing; at small
 * sizes the strokes are kept at least about one pixel wide.
 *
 * Re-runnable and deterministic: the same pixels every time. The compressed bytes come from
 * node:zlib at level 9; a different zlib build could compress the same pixels differently, so the
 * packaging test compares decoded pixels, not file bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const BLUE = [0x1f, 0x5f, 0xbf];
const WHITE = [0xff, 0xff, 0xff];

// ---------------------------------------------------------------------------------------------
// Drawing. Coordinates are fractions of the canvas (0..1), y downwards.

/** Signed distance from (px, py) to a box centred at (cx, cy) with half sizes hw, hh and corner radius r. */
function roundedBox(px, py, cx, cy, hw, hh, r) {
  const qx = Math.abs(px - cx) - (hw - r);
  const qy = Math.abs(py - cy) - (hh - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  const inside = Math.min(Math.max(qx, qy), 0);
  return outside + inside - r;
}

/** The white mark: distance to the union of the chart's boxes and lines. */
function markDistance(x, y, stroke) {
  const columns = [0.29, 0.5, 0.71];
  let d = roundedBox(x, y, 0.5, 0.33, 0.13, 0.075, 0.03); // the unit at the top
  d = Math.min(d, roundedBox(x, y, 0.5, 0.455, stroke, 0.055, 0)); // its stem
  d = Math.min(d, roundedBox(x, y, 0.5, 0.505, 0.21 + stroke, stroke, 0)); // the bar, square corners
  for (const cx of columns) {
    d = Math.min(d, roundedBox(x, y, cx, 0.5625, stroke, 0.0575, 0)); // drops
    d = Math.min(d, roundedBox(x, y, cx, 0.675, 0.075, 0.065, 0.025)); // the three units below
  }
  return d;
}

/** Coverage of a shape at signed distance d (canvas units) for a pixel of size px: a one-pixel ramp. */
function coverage(d, px) {
  return Math.min(1, Math.max(0, 0.5 - d / px));
}

/** RGBA pixels (non-premultiplied) of the icon at size x size. */
export function drawIcon(size) {
  const px = 1 / size;
  const stroke = Math.max(0.022, 0.55 / size); // half width of the chart's lines
  const rgba = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) * px;
      const y = (j + 0.5) * px;
      const body = coverage(roundedBox(x, y, 0.5, 0.5, 0.42, 0.42, 0.095), px);
      const mark = body === 0 ? 0 : coverage(markDistance(x, y, stroke), px);
      const o = (j * size + i) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(BLUE[c] * (1 - mark) + WHITE[c] * mark);
      rgba[o + 3] = Math.round(255 * body);
    }
  }
  return rgba;
}

// ---------------------------------------------------------------------------------------------
// PNG (RFC 2083 / ISO 15948): signature, IHDR, one IDAT, IEND; 8-bit RGBA, no interlace.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Each row with the filter (None, Sub, Up, Average, Paeth) that gives the smallest sum of magnitudes. */
function filterRows(rgba, width, height) {
  const stride = width * 4;
  const out = Buffer.alloc((stride + 1) * height);
  const candidate = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    let best = -1;
    let bestScore = Infinity;
    for (let type = 0; type < 5; type++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const a = i >= 4 ? row[i - 4] : 0;
        const b = prev[i];
        const c = i >= 4 ? prev[i - 4] : 0;
        const predictor = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const value = (row[i] - predictor) & 0xff;
        candidate[i] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        best = type;
        out[y * (stride + 1)] = type;
        candidate.copy(out, y * (stride + 1) + 1);
      }
    }
    if (best < 0) throw new Error('unreachable');
  }
  return out;
}

export function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const idat = zlib.deflateSync(filterRows(rgba, width, height), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// ICO: ICONDIR (6 bytes), one 16-byte ICONDIRENTRY per image, then the images. Since Windows
// Vista an image may be a whole PNG file instead of a BMP; width/height 0 means 256.

export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, png } of pngs) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry[2] = 0; // no palette
    entry[3] = 0;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
}

// ICNS: 'icns' + total length (big-endian), then entries of type (4 chars) + length (including
// these 8 bytes) + data. ic07..ic10 hold PNG data of 128, 256, 512 and 1024 pixels.

export const ICNS_TYPES = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

export function encodeIcns(pngs) {
  const parts = pngs.map(({ size, png }) => {
    const type = ICNS_TYPES[size];
    if (!type) throw new Error(`no ICNS type for ${size}px`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---------------------------------------------------------------------------------------------

export const ICO_SIZES = [16, 32, 48, 64, 128, 256];
export const ICNS_SIZES = [128, 256, 512, 1024];

export function makeIcons(outDir) {
  const cache = new Map();
  const png = (size) => {
    let bytes = cache.get(size);
    if (!bytes) {
      bytes = encodePng(drawIcon(size), size, size);
      cache.set(size, bytes);
    }
    return bytes;
  };
  fs.mkdirSync(outDir, { recursive: true });
  const files = {
    'icon.png': png(1024),
    'icon-512.png': png(512),
    'icon.ico': encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))),
    'icon.icns': encodeIcns(ICNS_SIZES.map((size) => ({ size, png: png(size) }))),
  };
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), bytes);
  return Object.keys(files).map((name) => path.join(outDir, name));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : path.join(root, 'resources');
  for (const file of makeIcons(outDir)) console.log(`${path.relative(process.cwd(), file) || file}  ${fs.statSync(file).size} bytes`);
}
