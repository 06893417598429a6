import type { FileHandle } from 'node:fs/promises';

/** One entry of a zip file's central directory: what it declares, read before anything is inflated. */
export interface ZipEntry {
  name: string;
  /** General-purpose flags (bit 0: encrypted). */
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts. */
  localOffset: number;
}

/** Not a readable zip (null), a Zip64 archive (over 4 GiB or 65,535 entries), or its entries. */
export type ZipDirectory = ZipEntry[] | 'zip64' | null;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_MARKER = 0xffffffff;
/** The end-of-central-directory record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_TAIL = 22 + 65_535;

/** Finds the end record in the last bytes of a zip: entry count, directory size and offset. */
function endRecord(tail: Buffer): { count: number; size: number; offset: number } | 'zip64' | null {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIGNATURE) continue;
    const count = tail.readUInt16LE(i + 10);
    const size = tail.readUInt32LE(i + 12);
    const offset = tail.readUInt32LE(i + 16);
    return count === 0xffff || size === ZIP64_MARKER || offset === ZIP64_MARKER ? 'zip64' : { count, size, offset };
  }
  return null;
}

/** Parses `count` central-directory records. */
function entriesOf(directory: Buffer, count: number): ZipDirectory {
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) return null;
    const compressedSize = directory.readUInt32LE(at + 20);
    const uncompressedSize = directory.readUInt32LE(at + 24);
    if (compressedSize === ZIP64_MARKER || uncompressedSize === ZIP64_MARKER) return 'zip64';
    const nameLength = directory.readUInt16LE(at + 28);
    entries.push({
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      compressedSize,
      uncompressedSize,
      localOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** Lists the entries of a zip held in memory. */
export function zipDirectoryOf(zip: Buffer): ZipDirectory {
  const end = endRecord(zip.subarray(Math.max(0, zip.length - MAX_TAIL)));
  if (end === null || end === 'zip64') return end;
  if (end.offset + end.size > zip.length) return null;
  return entriesOf(zip.subarray(end.offset, end.offset + end.size), end.count);
}

/**
 * Lists a zip file's entries from its central directory without reading the rest of the file, so the
 * sizes an upload declares can be checked before a decompressor ever runs (zip bombs).
 */
export async function readZipDirectory(file: FileHandle, size: number): Promise<ZipDirectory> {
  const tail = Buffer.alloc(Math.min(size, MAX_TAIL));
  await file.read(tail, 0, tail.length, size - tail.length);
  const end = endRecord(tail);
  if (end === null || end === 'zip64') return end;
  if (end.offset + end.size > size) return null;
  const directory = Buffer.alloc(end.size);
  await file.read(directory, 0, end.size, end.offset);
  return entriesOf(directory, end.count);
}
