import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, pixelAt, readIcns, readIco, ROOT, run, tempDir, type Png } from './support.js';

/**
 * The icons in resources/ (electron-builder.yml's win.icon, mac.icon, linux.icon): valid files
 * with the sizes each format needs, and what scripts/make-icons.mjs draws today.
 */
const RESOURCES = path.join(ROOT, 'resources');
const read = (name: string) => fs.readFileSync(path.join(RESOURCES, name));
const BLUE = [0x1f, 0x5f, 0xbf];

let regenerated = '';
beforeAll(async () => {
  regenerated = tempDir('icons');
  const result = await run(process.execPath, [path.join(ROOT, 'scripts', 'make-icons.mjs'), '--out', regenerated]);
  expect(result.code, result.output).toBe(0);
});
afterAll(() => fs.rmSync(regenerated, { recursive: true, force: true }));

function expectIconPixels(png: Png): void {
  const s = png.width;
  expect(pixelAt(png, 0, 0)[3], 'corner is transparent').toBe(0);
  expect(pixelAt(png, Math.floor(s * 0.5), Math.floor(s * 0.86)), 'body is #1f5fbf').toEqual([...BLUE, 255]);
  expect(pixelAt(png, Math.floor(s * 0.5), Math.floor(s * 0.33)), 'the mark is white').toEqual([255, 255, 255, 255]);
}

describe('icons', () => {
  it('icon.png is a 1024x1024 RGBA PNG and icon-512.png 512x512', () => {
    const big = decodePng(read('icon.png'));
    expect([big.width, big.height]).toEqual([1024, 1024]);
    expectIconPixels(big);
    const small = decodePng(read('icon-512.png'));
    expect([small.width, small.height]).toEqual([512, 512]);
    expectIconPixels(small);
  });

  it('icon.ico holds PNG entries of 16, 32, 48, 64, 128 and 256 pixels', () => {
    const entries = readIco(read('icon.ico'));
    expect(entries.map((e) => e.declared)).toEqual([16, 32, 48, 64, 128, 256]);
    for (const entry of entries) {
      const png = decodePng(entry.data);
      expect([png.width, png.height]).toEqual([entry.declared, entry.declared]);
    }
    expectIconPixels(decodePng(entries[entries.length - 1]!.data));
  });

  it('icon.icns holds ic07 128, ic08 256, ic09 512 and ic10 1024 as PNG', () => {
    const entries = readIcns(read('icon.icns'));
    const sizes = { ic07: 128, ic08: 256, ic09: 512, ic10: 1024 };
    expect([...entries.keys()]).toEqual(Object.keys(sizes));
    for (const [type, size] of Object.entries(sizes)) {
      const png = decodePng(entries.get(type)!);
      expect([png.width, png.height], type).toEqual([size, size]);
    }
  });

  it('the committed icons are what scripts/make-icons.mjs draws (same pixels)', () => {
    for (const name of ['icon.png', 'icon-512.png']) {
      expect(decodePng(read(name)).pixels.equals(decodePng(fs.readFileSync(path.join(regenerated, name))).pixels), name).toBe(true);
    }
    const ico = readIco(read('icon.ico'));
    const icoAgain = readIco(fs.readFileSync(path.join(regenerated, 'icon.ico')));
    expect(icoAgain.map((e) => e.declared)).toEqual(ico.map((e) => e.declared));
    ico.forEach((entry, i) => expect(decodePng(entry.data).pixels.equals(decodePng(icoAgain[i]!.data).pixels), `ico ${entry.declared}`).toBe(true));
    const icns = readIcns(read('icon.icns'));
    const icnsAgain = readIcns(fs.readFileSync(path.join(regenerated, 'icon.icns')));
    for (const [type, data] of icns) expect(decodePng(data).pixels.equals(decodePng(icnsAgain.get(type)!).pixels), type).toBe(true);
  });
});
