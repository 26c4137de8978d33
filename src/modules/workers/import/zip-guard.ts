import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { ImportFileError } from './import-errors';
import {
  MAX_CELLS,
  MAX_ROW_ELEMENTS,
  MAX_ROWS,
  MAX_SHARED_STRINGS,
  MAX_SHARED_STRINGS_BYTES,
  MAX_UNZIPPED_BYTES,
} from './import-limits';
import { SheetCounts, XmlCensus, type CountedTag } from './xml-census';

export { MAX_UNZIPPED_BYTES } from './import-limits';

const MAX_ENTRIES = 2000;
/** workbook.xml and its rels are read whole to find the data sheet: a few KB in a real file. */
const MAX_INDEX_BYTES = 1024 * 1024;
/** The entries exceljs reads as worksheets (its own pattern, unanchored as there). */
const WORKSHEET = /xl\/worksheets\/sheet\d+[.]xml/;
const SHARED_STRINGS = 'xl/sharedStrings.xml';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/**
 * Checks a ZIP (an XLSX is one) before the spreadsheet library opens it, refusing whatever cannot
 * be a worker list: the archive must be an Excel workbook; every entry is inflated as a stream and
 * counted as it comes, with hard stops on what it unpacks to, on the shared strings, on the cells
 * and rows of all sheets and on the data rows of the first sheet (the one the import reads). The
 * sizes the archive declares are not trusted. Inflating runs on the libuv pool in chunks, so the
 * event loop keeps serving while a file is checked, and a refused file never reaches exceljs.
 * @throws ImportFileError wrong_type (a ZIP but no workbook), unreadable, unpacked_too_large,
 *   too_many_cells, too_many_rows.
 */
export async function assertSafeWorkbookZip(buf: Buffer): Promise<void> {
  const entries = readCentralDirectory(buf);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw new ImportFileError('wrong_type');
  const budget = new WorkbookBudget(firstSheetPath(buf, entries));
  for (const e of entries) {
    if (!e.name.endsWith('/')) await inflateEntry(buf, e, budget.counterFor(e.name));
  }
}

/** Running totals over the whole workbook; a counter throws as soon as its entry passes a limit. */
class WorkbookBudget {
  private unpacked = 0;
  private cells = 0;
  private rows = 0;

  /** `dataSheet` null: every sheet is held to the row limit, since exceljs will pick one of them. */
  constructor(private readonly dataSheet: string | null) {}

  counterFor(name: string): (chunk: Buffer) => void {
    const census = WORKSHEET.test(name) ? this.sheetCensus(name) : name === SHARED_STRINGS ? sharedStringsCensus() : null;
    const cap = name === SHARED_STRINGS ? MAX_SHARED_STRINGS_BYTES : MAX_UNZIPPED_BYTES;
    let bytes = 0;
    return (chunk) => {
      this.unpacked += chunk.length;
      bytes += chunk.length;
      if (this.unpacked > MAX_UNZIPPED_BYTES || bytes > cap) throw new ImportFileError('unpacked_too_large');
      census?.write(chunk);
    };
  }

  private sheetCensus(name: string): XmlCensus {
    const sheet = new SheetCounts();
    const isDataSheet = this.dataSheet === null || this.dataSheet === name;
    return new XmlCensus((tag) => {
      sheet.add(tag);
      if (tag === 'c' && ++this.cells > MAX_CELLS) throw new ImportFileError('too_many_cells', { max: MAX_ROWS });
      if (tag === 'row' && ++this.rows > MAX_ROW_ELEMENTS) throw new ImportFileError('too_many_cells', { max: MAX_ROWS });
      // The header row and MAX_ROWS data rows, as readTable counts them after parsing.
      if (isDataSheet && sheet.valuedRows > MAX_ROWS + 1) throw new ImportFileError('too_many_rows', { max: MAX_ROWS });
    });
  }
}

function sharedStringsCensus(): XmlCensus {
  let items = 0;
  return new XmlCensus((tag: CountedTag) => {
    if (tag === 'si' && ++items > MAX_SHARED_STRINGS) throw new ImportFileError('too_many_cells', { max: MAX_ROWS });
  });
}

/**
 * The entry of the first sheet listed in xl/workbook.xml, resolved through its relationships the way
 * exceljs resolves it; null when that cannot be told.
 */
function firstSheetPath(buf: Buffer, entries: Entry[]): string | null {
  const text = (name: string) => {
    const e = entries.find((x) => x.name === name);
    return e ? inflateSmall(buf, e).toString('utf8') : '';
  };
  const rels = new Map<string, string>();
  for (const [tag] of text('xl/_rels/workbook.xml.rels').matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*>/g)) {
    const id = /\sId="([^"]*)"/.exec(tag)?.[1];
    const target = /\sTarget="([^"]*)"/.exec(tag)?.[1];
    if (id && target) rels.set(id, target);
  }
  const names = new Set(entries.map((e) => e.name));
  for (const [tag] of text('xl/workbook.xml').matchAll(/<(?:[\w.-]+:)?sheet\s[^>]*>/g)) {
    const target = rels.get(/\s[\w.-]+:id="([^"]*)"/.exec(tag)?.[1] ?? '');
    const path = target === undefined ? '' : `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (names.has(path)) return path;
  }
  return null;
}

function inflateSmall(buf: Buffer, e: Entry): Buffer {
  const data = entryData(buf, e);
  if (e.method === 0) return data;
  if (e.method !== 8) throw new ImportFileError('unreadable');
  try {
    return inflateRawSync(data, { maxOutputLength: MAX_INDEX_BYTES });
  } catch (err) {
    throw new ImportFileError(isTooLarge(err) ? 'unpacked_too_large' : 'unreadable');
  }
}

const isTooLarge = (err: unknown) => (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError;

/** Hands an entry's unpacked bytes to `onChunk` as they come; an error `onChunk` throws stops the inflation and rejects. */
function inflateEntry(buf: Buffer, e: Entry, onChunk: (chunk: Buffer) => void): Promise<void> {
  const data = entryData(buf, e);
  if (e.method === 0) {
    for (let at = 0; at < data.length; at += 64 * 1024) onChunk(data.subarray(at, at + 64 * 1024));
    return Promise.resolve();
  }
  if (e.method !== 8) throw new ImportFileError('unreadable');
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(err);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        onChunk(chunk);
      } catch (err) {
        fail(err);
      }
    });
    inflate.on('error', () => fail(new ImportFileError('unreadable')));
    inflate.on('end', () => {
      if (!settled) (settled = true), resolve();
    });
    inflate.end(data);
  });
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
