// Draws the extension icon (images/icon.png, 256x256): an orange shield with a white check on a navy
// rounded square. Pixels come from shape tests with 4x4 supersampling; the PNG is written with zlib.
//   node scripts/icon.mjs
import fs from 'node:fs';
import zlib from 'node:zlib';

const N = 256;
const SS = 4;
const navy = [0x23, 0x2f, 0x3e];
const orange = [0xff, 0x99, 0x00];
const white = [0xff, 0xff, 0xff];

function inRoundedSquare(x, y) {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inShield(x, y) {
  // flat top with a slight dip, straight sides, then curves meeting in a point at the bottom
  const top = 0.16 + 0.04 * Math.sin((Math.PI * (x - 0.2)) / 0.6);
  if (y < top || x < 0.2 || x > 0.8) return false;
  if (y <= 0.5) return true;
  const t = (y - 0.5) / 0.36; // 0 at the shoulder, 1 at the point
  if (t > 1) return false;
  const half = 0.3 * Math.sqrt(1 - t * t);
  return Math.abs(x - 0.5) <= half;
}
function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function inCheck(x, y) {
  const w = 0.045;
  return distToSegment(x, y, 0.36, 0.47, 0.46, 0.58) <= w || distToSegment(x, y, 0.46, 0.58, 0.65, 0.35) <= w;
}

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let j = 0; j < N; j++) {
  raw[j * (N * 4 + 1)] = 0; // filter: none
  for (let i = 0; i < N; i++) {
    const acc = [0, 0, 0, 0];
    for (let sj = 0; sj < SS; sj++) {
      for (let si = 0; si < SS; si++) {
        const x = (i + (si + 0.5) / SS) / N;
        const y = (j + (sj + 0.5) / SS) / N;
        if (!inRoundedSquare(x, y)) continue;
        const c = inCheck(x, y) ? white : inShield(x, y) ? orange : navy;
        acc[0] += c[0];
        acc[1] += c[1];
        acc[2] += c[2];
        acc[3] += 255;
      }
    }
    const n = SS * SS;
    const covered = acc[3] / 255;
    const o = j * (N * 4 + 1) + 1 + i * 4;
    for (let k = 0; k < 3; k++) raw[o + k] = covered ? Math.round(acc[k] / covered) : 0;
    raw[o + 3] = Math.round(acc[3] / n);
  }
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.mkdirSync('images', { recursive: true });
fs.writeFileSync('images/icon.png', png);
console.log(`images/icon.png: ${N}x${N}, ${png.length} bytes`);
