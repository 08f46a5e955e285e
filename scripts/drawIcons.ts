/**
 * Draws the app's small PNG icons (tab bar and 首页 entries) from a few geometric shapes, so
 * they need no design tool and stay tiny. `npx ts-node scripts/drawIcons.ts` (or tsx) rewrites
 * src/assets/{tabbar,icons}/*.png; the files are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

type Shape = (x: number, y: number) => boolean;
type RGB = [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes on a 0..1 square.
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx: number, cy: number, r: number, w: number): Shape => (x, y) => {
  const d = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2);
  return d <= r && d >= r - w;
};
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const line = (x0: number, y0: number, x1: number, y1: number, w: number): Shape => (x, y) => {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
  return (x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 <= (w / 2) ** 2;
};
const frame = (x0: number, y0: number, x1: number, y1: number, w: number): Shape => (x, y) => rect(x0, y0, x1, y1)(x, y) && !rect(x0 + w, y0 + w, x1 - w, y1 - w)(x, y);
const union = (...s: Shape[]): Shape => (x, y) => s.some((f) => f(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

function render(size: number, layers: { shape: Shape; color: RGB }[]): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const S = 4; // supersampling per axis
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          let hit: RGB | null = null;
          for (const l of layers) if (l.shape(x, y)) hit = l.color;
          if (hit) {
            r += hit[0];
            g += hit[1];
            b += hit[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((255 * a) / (S * S));
    }
  }
  return encodePng(size, rgba);
}

const GREEN: RGB = [7, 193, 96];
const GREY: RGB = [125, 126, 128];
const WHITE: RGB = [255, 255, 255];

/** Glyphs, drawn in white on a coloured disc for 首页 entries, or in one colour for the tab bar. */
const GLYPHS: Record<string, Shape> = {
  // a coin with a 分 bar
  points: union(ring(0.5, 0.5, 0.34, 0.08), rect(0.46, 0.3, 0.54, 0.7), rect(0.36, 0.44, 0.64, 0.5)),
  // a person
  me: union(circle(0.5, 0.34, 0.15), minus(circle(0.5, 0.86, 0.32), rect(0, 0.82, 1, 1))),
  // a check mark
  review: union(line(0.28, 0.52, 0.44, 0.68, 0.1), line(0.44, 0.68, 0.74, 0.34, 0.1)),
  // a flag
  events: union(rect(0.3, 0.24, 0.36, 0.8), rect(0.36, 0.26, 0.72, 0.5)),
  // a clock
  overdue: union(ring(0.5, 0.5, 0.3, 0.07), line(0.5, 0.5, 0.5, 0.32, 0.07), line(0.5, 0.5, 0.64, 0.58, 0.07)),
  // a pen
  sign: union(line(0.32, 0.7, 0.68, 0.32, 0.12), line(0.28, 0.76, 0.3, 0.74, 0.08), rect(0.28, 0.74, 0.7, 0.78)),
  // a speech bubble with a question
  objections: union(minus(union(rect(0.24, 0.26, 0.76, 0.62), line(0.36, 0.6, 0.3, 0.76, 0.08)), rect(0.3, 0.32, 0.7, 0.56)), rect(0.46, 0.36, 0.54, 0.46), rect(0.46, 0.49, 0.54, 0.53)),
  // a no-entry sign
  vetoes: union(ring(0.5, 0.5, 0.3, 0.08), line(0.3, 0.3, 0.7, 0.7, 0.08)),
  // a scan frame
  scan: union(frame(0.26, 0.26, 0.74, 0.74, 0.07), rect(0.2, 0.47, 0.8, 0.53)),
  // a house
  villages: union(minus(union(line(0.22, 0.5, 0.5, 0.24, 0.08), line(0.5, 0.24, 0.78, 0.5, 0.08)), rect(0, 0, 0, 0)), rect(0.3, 0.48, 0.7, 0.76)),
  // a plus
  submit: union(rect(0.46, 0.26, 0.54, 0.74), rect(0.26, 0.46, 0.74, 0.54)),
  // a QR-ish code
  code: union(frame(0.26, 0.26, 0.46, 0.46, 0.05), frame(0.54, 0.26, 0.74, 0.46, 0.05), frame(0.26, 0.54, 0.46, 0.74, 0.05), rect(0.56, 0.56, 0.64, 0.64), rect(0.66, 0.66, 0.74, 0.74)),
  // a bag
  shop: union(rect(0.28, 0.4, 0.72, 0.76), ring(0.5, 0.4, 0.13, 0.05)),
  // a notice board
  publicity: union(frame(0.24, 0.28, 0.76, 0.72, 0.06), rect(0.34, 0.4, 0.66, 0.45), rect(0.34, 0.52, 0.6, 0.57)),
  // a camera
  report: union(minus(rect(0.24, 0.34, 0.76, 0.72), circle(0.5, 0.53, 0.12)), circle(0.5, 0.53, 0.06), rect(0.4, 0.28, 0.6, 0.34)),
  // a book
  catalogue: union(frame(0.3, 0.24, 0.7, 0.76, 0.06), rect(0.38, 0.36, 0.62, 0.41), rect(0.38, 0.48, 0.62, 0.53)),
  // a list
  list: union(circle(0.3, 0.32, 0.05), circle(0.3, 0.5, 0.05), circle(0.3, 0.68, 0.05), rect(0.4, 0.3, 0.74, 0.34), rect(0.4, 0.48, 0.74, 0.52), rect(0.4, 0.66, 0.74, 0.7)),
};

/** Entry colours: each dark enough for white on it to pass WCAG AA (≥ 4.5:1). */
const ENTRY_COLORS: Record<string, RGB> = {
  review: [6, 122, 62],
  events: [194, 65, 12],
  overdue: [185, 28, 28],
  sign: [29, 78, 216],
  objections: [124, 58, 237],
  vetoes: [153, 27, 27],
  scan: [15, 118, 110],
  villages: [180, 83, 9],
  submit: [6, 122, 62],
  points: [161, 98, 7],
  code: [15, 118, 110],
  shop: [190, 24, 93],
  publicity: [29, 78, 216],
  report: [194, 65, 12],
  catalogue: [67, 56, 202],
  list: [55, 65, 81],
};

const ellipse = (cx: number, cy: number, rx: number, ry: number): Shape => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const roundRect = (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  union(rect(x0 + r, y0, x1 - r, y1), rect(x0, y0 + r, x1, y1 - r), circle(x0 + r, y0 + r, r), circle(x1 - r, y0 + r, r), circle(x0 + r, y1 - r, r), circle(x1 - r, y1 - r, r));
const stripes = (base: Shape, y0: number, step: number, w: number): Shape => (x, y) => base(x, y) && y >= y0 && (y - y0) % step < w;

/**
 * The demo shop's goods (server/demo/goods/<file>.png): a simple drawing of each on a soft tile,
 * 160 px square, a few KB each. The seed stores them as the goods' photos.
 */
const GOODS: Record<string, { bg: RGB; layers: { shape: Shape; color: RGB }[] }> = {
  soap: { bg: [224, 242, 254], layers: [{ shape: roundRect(0.2, 0.34, 0.8, 0.7, 0.1), color: [125, 211, 252] }, { shape: roundRect(0.3, 0.44, 0.7, 0.6, 0.05), color: [240, 249, 255] }, { shape: circle(0.76, 0.28, 0.06), color: [255, 255, 255] }, { shape: circle(0.66, 0.22, 0.04), color: [255, 255, 255] }] },
  toothpaste: { bg: [254, 243, 199], layers: [{ shape: union(roundRect(0.16, 0.4, 0.72, 0.62, 0.05), rect(0.72, 0.45, 0.78, 0.57)), color: [37, 99, 235] }, { shape: rect(0.78, 0.47, 0.84, 0.55), color: [255, 255, 255] }, { shape: rect(0.28, 0.46, 0.6, 0.56), color: [255, 255, 255] }, { shape: rect(0.16, 0.4, 0.2, 0.62), color: [30, 64, 175] }] },
  towel: { bg: [252, 231, 243], layers: [{ shape: roundRect(0.22, 0.2, 0.78, 0.8, 0.04), color: [244, 114, 182] }, { shape: stripes(rect(0.22, 0.2, 0.78, 0.8), 0.66, 0.06, 0.03), color: [255, 255, 255] }, { shape: rect(0.22, 0.28, 0.78, 0.31), color: [255, 255, 255] }] },
  dishSoap: { bg: [220, 252, 231], layers: [{ shape: union(roundRect(0.32, 0.32, 0.68, 0.84, 0.08), rect(0.44, 0.2, 0.56, 0.34)), color: [34, 197, 94] }, { shape: rect(0.42, 0.14, 0.58, 0.2), color: [21, 128, 61] }, { shape: roundRect(0.38, 0.48, 0.62, 0.7, 0.04), color: [255, 255, 255] }] },
  soySauce: { bg: [254, 226, 226], layers: [{ shape: union(roundRect(0.34, 0.4, 0.66, 0.86, 0.06), ellipse(0.5, 0.4, 0.16, 0.08), rect(0.45, 0.16, 0.55, 0.36)), color: [87, 45, 20] }, { shape: rect(0.43, 0.12, 0.57, 0.18), color: [220, 38, 38] }, { shape: rect(0.38, 0.54, 0.62, 0.72), color: [254, 243, 199] }] },
  washingPowder: { bg: [237, 233, 254], layers: [{ shape: roundRect(0.22, 0.22, 0.78, 0.84, 0.04), color: [124, 58, 237] }, { shape: circle(0.5, 0.54, 0.16), color: [255, 255, 255] }, { shape: circle(0.5, 0.54, 0.1), color: [196, 181, 253] }, { shape: rect(0.3, 0.28, 0.7, 0.33), color: [255, 255, 255] }] },
  toiletPaper: { bg: [241, 245, 249], layers: [{ shape: union(rect(0.26, 0.3, 0.62, 0.76), ellipse(0.44, 0.3, 0.18, 0.08), ellipse(0.44, 0.76, 0.18, 0.08)), color: [255, 255, 255] }, { shape: ellipse(0.44, 0.3, 0.18, 0.08), color: [226, 232, 240] }, { shape: ellipse(0.44, 0.3, 0.06, 0.03), color: [148, 163, 184] }, { shape: rect(0.62, 0.56, 0.8, 0.76), color: [255, 255, 255] }, { shape: frame(0.26, 0.3, 0.8, 0.84, 0.005), color: [203, 213, 225] }] },
  rice: { bg: [254, 249, 195], layers: [{ shape: union(roundRect(0.22, 0.3, 0.78, 0.86, 0.08), ellipse(0.5, 0.3, 0.24, 0.08)), color: [250, 250, 249] }, { shape: rect(0.32, 0.2, 0.68, 0.26), color: [202, 138, 4] }, { shape: ellipse(0.5, 0.6, 0.14, 0.12), color: [22, 163, 74] }, { shape: frame(0.22, 0.3, 0.78, 0.86, 0.012), color: [214, 211, 209] }] },
  oil: { bg: [255, 237, 213], layers: [{ shape: union(roundRect(0.28, 0.34, 0.72, 0.86, 0.08), rect(0.42, 0.18, 0.58, 0.36)), color: [250, 204, 21] }, { shape: rect(0.4, 0.12, 0.6, 0.18), color: [234, 88, 12] }, { shape: ring(0.66, 0.34, 0.12, 0.04), color: [234, 88, 12] }, { shape: rect(0.34, 0.52, 0.66, 0.7), color: [255, 255, 255] }] },
};

function main(): void {
  const goodsDir = resolve(__dirname, '../server/demo/goods');
  mkdirSync(goodsDir, { recursive: true });
  for (const [name, g] of Object.entries(GOODS)) {
    writeFileSync(join(goodsDir, `${name}.png`), render(160, [{ shape: rect(0, 0, 1, 1), color: g.bg }, ...g.layers]));
  }
  const root = resolve(__dirname, '../src/assets');
  mkdirSync(join(root, 'icons'), { recursive: true });
  for (const [name, glyph] of Object.entries(GLYPHS)) {
    if (!ENTRY_COLORS[name]) continue;
    const png = render(72, [
      { shape: circle(0.5, 0.5, 0.5), color: ENTRY_COLORS[name] },
      { shape: glyph, color: WHITE },
    ]);
    writeFileSync(join(root, 'icons', `${name}.png`), png);
  }
  for (const name of ['points', 'me']) {
    const glyph = name === 'points' ? GLYPHS.points : GLYPHS.me;
    writeFileSync(join(root, 'tabbar', `${name}.png`), render(81, [{ shape: glyph, color: GREY }]));
    writeFileSync(join(root, 'tabbar', `${name}-active.png`), render(81, [{ shape: glyph, color: GREEN }]));
  }
}

main();
