/**
 * The zip container of an .xlsx, read by hand: the central directory for names and declared sizes,
 * one part at a time inflated with Node's zlib under a hard output limit, and a plain (stored) zip
 * written back for exceljs. No part is inflated unless it is asked for.
 */
import zlib from 'zlib';
import { Corrupt, Refused, count, type FileBudget } from './budget';

export interface ZipEntry {
  /** As stored, with "/" separators and no leading "/". */
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  /** Declared: a limit is enforced on the real size while inflating. */
  size: number;
  offset: number;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Every entry of the central directory, by lower-case name (part names are case-insensitive).
 * Refused when the zip holds more entries than `budget.parts` (counted, not taken from the header).
 */
export function zipDirectory(buf: Buffer, budget: Pick<FileBudget, 'parts'>): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Corrupt('no zip central directory (truncated file?)');
  let total = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if ((total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const at = big(buf, eocd - 20 + 8);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) throw new Corrupt('bad zip64 directory');
    total = big(buf, at + 32);
    cdSize = big(buf, at + 40);
    cdOffset = big(buf, at + 48);
  }
  if (total > budget.parts) throw tooManyParts(total, budget.parts);
  if (cdOffset + cdSize > buf.length) throw new Corrupt('zip central directory out of range (truncated file?)');

  const entries = new Map<string, ZipEntry>();
  let n = 0;
  for (let p = cdOffset; p + 46 <= cdOffset + cdSize && buf.readUInt32LE(p) === CENTRAL;) {
    if (++n > budget.parts) throw tooManyParts(n, budget.parts);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let size = buf.readUInt32LE(p + 24);
    let compressedSize = buf.readUInt32LE(p + 20);
    let offset = buf.readUInt32LE(p + 42);
    const nameStart = p + 46;
    if (nameStart + nameLen + extraLen > buf.length) throw new Corrupt('zip central directory out of range');
    // Zip64: the 32-bit fields that overflowed are in extra field 0x0001, in this order.
    for (let e = nameStart + nameLen; e + 4 <= nameStart + nameLen + extraLen;) {
      const id = buf.readUInt16LE(e);
      const len = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= e + 4 + len ? big(buf, q) : 0xffffffff;
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (offset === 0xffffffff) offset = next();
      }
      e += 4 + len;
    }
    const name = buf.toString('utf8', nameStart, nameStart + nameLen).replace(/\\/g, '/').replace(/^\/+/, '');
    const key = name.toLowerCase();
    if (!entries.has(key)) {
      entries.set(key, { name, flags: buf.readUInt16LE(p + 8), method: buf.readUInt16LE(p + 10), compressedSize, size, offset });
    }
    p = nameStart + nameLen + extraLen + commentLen;
  }
  return entries;
}

function tooManyParts(n: number, limit: number): Refused {
  return new Refused(`文件内部件过多（${count(n)} 个，上限 ${count(limit)}） / too many parts in the file (${count(n)}, limit ${count(limit)})`);
}

function big(buf: Buffer, at: number): number {
  return Number(buf.readBigUInt64LE(at));
}

/**
 * One part's bytes, inflated. `limit` bounds the real output: inflating stops, and `over` is thrown,
 * as soon as the part grows past it, whatever size the directory declared.
 */
export function inflatePart(buf: Buffer, entry: ZipEntry, limit: number, over: () => Error): Buffer {
  const p = entry.offset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw new Corrupt(`bad zip entry ${entry.name}`);
  if (entry.flags & 1) throw new Corrupt(`encrypted zip entry ${entry.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new Corrupt(`zip entry ${entry.name} is cut short (truncated file?)`);
  const data = buf.subarray(start, end);
  if (entry.method === 0) {
    if (data.length > limit) throw over();
    return data;
  }
  if (entry.method !== 8) throw new Corrupt(`zip entry ${entry.name} uses compression method ${entry.method}`);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, limit) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw over();
    throw new Corrupt(`zip entry ${entry.name}: ${(e as Error).message}`);
  }
}

/** One entry to write: its data as stored (compressed by `method`: 0 stored, 8 deflated), CRC and size. */
export interface ZipRecord {
  name: string;
  method: number;
  crc: number;
  compressed: Buffer;
  size: number;
}

/** A zip of `records` in order, with UTF-8 names; the one zip writer of the command line. */
export function writeZipRecords(records: ZipRecord[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const r of records) {
    const name = Buffer.from(r.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(r.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(r.crc, 14);
    local.writeUInt32LE(r.compressed.length, 18);
    local.writeUInt32LE(r.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
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
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(records.length, 8);
  end.writeUInt16LE(records.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/** A zip of stored (uncompressed) entries: cheap to write, and exceljs reads it without inflating. */
export function storedZip(files: { name: string; data: Buffer }[]): Buffer {
  return writeZipRecords(files.map((f) => ({ name: f.name, method: 0, crc: crc32(f.data), compressed: f.data, size: f.data.length })));
}

let table: Int32Array | undefined;

/** zlib.crc32 (Node ≥ 20.15), else a table. */
export function crc32(data: Buffer): number {
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
