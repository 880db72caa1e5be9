#!/usr/bin/env node
// Draws the add-in icon (a green sheet with a white check mark) at every size the manifest names, as PNG.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const GREEN = [0x21, 0x73, 0x46];
const LIGHT = [0xe8, 0xf3, 0xec];

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Distance from point p to segment ab, in pixels. */
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function draw(size) {
  const rows = [];
  const r = size * 0.18; // corner radius
  const stroke = Math.max(1.2, size * 0.09);
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      // Rounded square.
      const qx = Math.max(r - cx, 0, cx - (size - r));
      const qy = Math.max(r - cy, 0, cy - (size - r));
      const inside = Math.hypot(qx, qy) <= r;
      // Two light grid lines (a sheet) and a white check mark.
      const grid = Math.abs(cy - size * 0.36) < size * 0.025 || Math.abs(cx - size * 0.36) < size * 0.025;
      const check = Math.min(
        segDist(cx, cy, size * 0.3, size * 0.55, size * 0.45, size * 0.7),
        segDist(cx, cy, size * 0.45, size * 0.7, size * 0.74, size * 0.33),
      ) <= stroke / 2;
      let rgb = GREEN;
      if (grid) rgb = [0x4f, 0x9a, 0x6e];
      if (check) rgb = [0xff, 0xff, 0xff];
      const o = 1 + x * 4;
      row[o] = inside ? rgb[0] : LIGHT[0];
      row[o + 1] = inside ? rgb[1] : LIGHT[1];
      row[o + 2] = inside ? rgb[2] : LIGHT[2];
      row[o + 3] = inside ? 255 : 0;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = path.join(__dirname, '..', 'assets');
for (const s of SIZES) fs.writeFileSync(path.join(dir, `icon-${s}.png`), draw(s));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')}`);
