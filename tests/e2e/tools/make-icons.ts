/**
 * Draws the app icons (a white house on the theme green) and writes them as PNG into public/.
 * Run once with `npx tsx tests/e2e/tools/make-icons.ts`; the PNGs are committed, so builds need no image tooling.
 * Hand-written PNG encoder (IHDR + one IDAT compressed by fflate + IEND): deterministic bytes, no native deps.
 */
import { writeFileSync } from 'node:fs';
import { zlibSync } from 'fflate';

const THEME = [0x0b, 0x5d, 0x3b] as const;
const WHITE = [0xff, 0xff, 0xff] as const;
const GOLD = [0xf2, 0xb7, 0x05] as const;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
function encodePng(size: number, rgb: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, size); v.setUint32(4, size);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const raw = new Uint8Array(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) raw.set(rgb.subarray(y * size * 3, (y + 1) * size * 3), y * (size * 3 + 1) + 1);
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Shape test in unit coordinates (0..1) of the house's box: roof triangle, walls, a door and a gold window. */
function colourAt(x: number, y: number): readonly number[] | null {
  const roof = y >= 0.05 && y <= 0.45 && Math.abs(x - 0.5) <= (y - 0.05) * 1.25;
  const walls = y > 0.42 && y <= 0.95 && x >= 0.14 && x <= 0.86;
  const door = y > 0.62 && y <= 0.95 && x >= 0.42 && x <= 0.58;
  const window = y > 0.5 && y <= 0.62 && x >= 0.64 && x <= 0.76;
  if (door) return THEME;
  if (window) return GOLD;
  return roof || walls ? WHITE : null;
}

/** `inset` = share of the side left as margin around the house (maskable icons need a 10 % safe zone and more). */
function drawIcon(size: number, inset: number): Uint8Array {
  const rgb = new Uint8Array(size * size * 3);
  const SS = 4; // 4×4 supersampling for smooth edges
  const box = size * (1 - 2 * inset);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc: [number, number, number] = [0, 0, 0];
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) {
        const x = (px + (sx + 0.5) / SS - size * inset) / box;
        const y = (py + (sy + 0.5) / SS - size * inset) / box;
        const c = colourAt(x, y) ?? THEME;
        acc[0] += c[0]!; acc[1] += c[1]!; acc[2] += c[2]!;
      }
      rgb.set(acc.map((a) => Math.round(a / (SS * SS))), (py * size + px) * 3);
    }
  }
  return rgb;
}

const out = new URL('../../../public/', import.meta.url);
const icons: [string, number, number][] = [
  ['icon-192.png', 192, 0.14], ['icon-512.png', 512, 0.14],
  ['icon-maskable-512.png', 512, 0.24], ['apple-touch-icon.png', 180, 0.16], ['favicon-32.png', 32, 0.06],
];
for (const [name, size, inset] of icons) {
  writeFileSync(new URL(name, out), encodePng(size, drawIcon(size, inset)));
  console.log('wrote public/' + name);
}
