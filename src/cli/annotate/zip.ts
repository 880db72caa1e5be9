/**
 * Rewriting a zip for `goalsheet annotate`: the parts left alone are copied byte for byte (their
 * compressed data, CRC and sizes as they were), the parts changed or added are deflated here.
 */
import zlib from 'zlib';
import { Corrupt } from '../budget';
import type { ZipEntry } from '../zipParts';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
const DESCRIPTOR = 0x08074b50;

/** One entry of the new zip: the original's raw data, or new bytes to deflate. */
export type OutEntry = { name: string; raw: ZipEntry } | { name: string; data: Buffer };

interface Raw {
  method: number;
  crc: number;
  compressed: Buffer;
  size: number;
}

/** The stored bytes of an entry as they are in `buf`, with the CRC from its local header or data descriptor. */
function rawOf(buf: Buffer, e: ZipEntry): Raw {
  const p = e.offset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw new Corrupt(`bad zip entry ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + e.compressedSize;
  if (end > buf.length) throw new Corrupt(`zip entry ${e.name} is cut short`);
  let crc = buf.readUInt32LE(p + 14);
  if (e.flags & 8) {
    const at = end + 4 <= buf.length && buf.readUInt32LE(end) === DESCRIPTOR ? end + 4 : end;
    if (at + 4 > buf.length) throw new Corrupt(`zip entry ${e.name} has no data descriptor`);
    crc = buf.readUInt32LE(at);
  }
  return { method: e.method, crc, compressed: buf.subarray(start, end), size: e.size };
}

/** A zip of `entries` in order: raw ones copied from `source`, the others deflated. */
export function writeZip(source: Buffer, entries: OutEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const r: Raw =
      'raw' in entry
        ? rawOf(source, entry.raw)
        : { method: 8, crc: crc32(entry.data), compressed: zlib.deflateRawSync(entry.data), size: entry.data.length };
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(r.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(r.crc, 14);
    local.writeUInt32LE(r.compressed.length, 18);
    local.writeUInt32LE(r.size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(CENTRAL, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(r.method, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(r.crc, 16);
    cd.writeUInt32LE(r.compressed.length, 20);
    cd.writeUInt32LE(r.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, r.compressed);
    central.push(cd, name);
    offset += 30 + name.length + r.compressed.length;
  }
  const cdSize = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

let table: Int32Array | undefined;

function crc32(data: Buffer): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data) >>> 0;
  if (!table) {
    table = new Int32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[i] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
