/**
 * Rewriting a zip for `goalsheet annotate`: the parts left alone are copied byte for byte (their
 * compressed data, CRC and sizes as they were), the parts changed or added are deflated here.
 */
import zlib from 'zlib';
import { Corrupt } from '../budget';
import { crc32, writeZipRecords, type ZipEntry, type ZipRecord } from '../zipParts';

const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

/** One entry of the new zip: the original's raw data, or new bytes to deflate. */
export type OutEntry = { name: string; raw: ZipEntry } | { name: string; data: Buffer };

type Raw = Omit<ZipRecord, 'name'>;

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
  return writeZipRecords(
    entries.map((entry) => ({
      name: entry.name,
      ...('raw' in entry
        ? rawOf(source, entry.raw)
        : { method: 8, crc: crc32(entry.data), compressed: zlib.deflateRawSync(entry.data), size: entry.data.length }),
    })),
  );
}
