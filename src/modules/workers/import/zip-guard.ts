import { inflateRawSync } from 'node:zlib';
import { ImportFileError } from './import-errors';

/** What an XLSX upload may unpack to: a 5,000-row sheet is a few MB of XML; this leaves room and stops bombs. */
export const MAX_UNZIPPED_BYTES = 40 * 1024 * 1024;
const MAX_ENTRIES = 2000;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/**
 * Checks a ZIP (an XLSX is one) before the spreadsheet library opens it: the archive must be an
 * Excel workbook, and its entries are inflated here with a hard output cap (zlib's maxOutputLength),
 * so a small file that expands to gigabytes is refused without filling memory. The sizes the
 * archive declares are not trusted. Costs one extra decompression of at most MAX_UNZIPPED_BYTES.
 * @throws ImportFileError wrong_type (a ZIP but no workbook), unreadable, unpacked_too_large.
 */
export function assertSafeWorkbookZip(buf: Buffer): void {
  const entries = readCentralDirectory(buf);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw new ImportFileError('wrong_type');
  let budget = MAX_UNZIPPED_BYTES;
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const data = entryData(buf, e);
    if (e.method === 0) budget -= data.length;
    else if (e.method === 8) {
      try {
        budget -= inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          throw new ImportFileError('unpacked_too_large');
        }
        throw new ImportFileError('unreadable');
      }
    } else throw new ImportFileError('unreadable');
    if (budget < 0) throw new ImportFileError('unpacked_too_large');
  }
}

function readCentralDirectory(buf: Buffer): Entry[] {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  let at = buf.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES) throw new ImportFileError('unpacked_too_large');
  if (at + size > buf.length || size === 0xffffffff || at === 0xffffffff) throw new ImportFileError('unreadable');
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new ImportFileError('unreadable');
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new ImportFileError('unreadable');
}

function entryData(buf: Buffer, e: Entry): Buffer {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) throw new ImportFileError('unreadable');
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + e.compressedSize;
  if (end > buf.length || e.compressedSize === 0xffffffff) throw new ImportFileError('unreadable');
  return buf.subarray(start, end);
}
