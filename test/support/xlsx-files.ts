/**
 * Hand-built XLSX files for the import guard's tests and benchmark: a well-formed ZIP (deflate, real
 * CRCs and sizes, as a spreadsheet program writes it) around sheet XML of any size, and a way to
 * tell whether exceljs was asked to open a workbook at all.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** `declaredSize` writes that uncompressed size in the headers instead of the real one (a lying ZIP). */
export function zip(entries: { name: string; data: Buffer }[], opts: { declaredSize?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = deflateRawSync(e.data, { level: 6 });
    const name = Buffer.from(e.name);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(opts.declaredSize ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(opts.declaredSize ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const SPREADSHEET = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook exceljs opens: one sheet per entry of `sheets` (rows XML inside `<sheetData>`), listed in that order. */
export function sheetsXlsx(sheets: (string | Buffer)[], sharedStrings?: Buffer): Buffer {
  const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  const ids = sheets.map((_, i) => i + 1);
  return zip([
    {
      name: '[Content_Types].xml',
      data: xml(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`),
    },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    {
      name: 'xl/workbook.xml',
      data: xml(`<workbook xmlns="${SPREADSHEET}" xmlns:r="${OFFICE}"><sheets>${ids.map((i) => `<sheet name="Lembar${i}" sheetId="${i}" r:id="rId${i}"/>`).join('')}</sheets></workbook>`),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(`<Relationships xmlns="${RELS}">${ids.map((i) => `<Relationship Id="rId${i}" Type="${OFFICE}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('')}</Relationships>`),
    },
    ...sheets.map((rows, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: Buffer.concat([xml(`<worksheet xmlns="${SPREADSHEET}"><sheetData>`), Buffer.from(rows), Buffer.from('</sheetData></worksheet>')]),
    })),
    ...(sharedStrings ? [{ name: 'xl/sharedStrings.xml', data: sharedStrings }] : []),
  ]);
}

/** `count` rows of `cols` inline-string cells of `width` characters (the same texts in every row). */
export function inlineRows(count: number, cols: number, width: number): Buffer {
  const texts = Array.from({ length: cols }, (_, c) => `kolom ${c} `.padEnd(width, 'x'));
  const letters = texts.map((_, c) => (c >= 26 ? String.fromCharCode(64 + Math.floor(c / 26)) : '') + String.fromCharCode(65 + (c % 26)));
  const parts: string[] = [];
  for (let r = 1; r <= count; r++) {
    parts.push(`<row r="${r}">${texts.map((t, c) => `<c r="${letters[c]}${r}" t="inlineStr"><is><t>${t}</t></is></c>`).join('')}</row>`);
  }
  return Buffer.from(parts.join(''));
}

/**
 * The file of the finding: a sheet of 38 MB of XML, compressing to well under the 5 MB upload
 * limit, under the old 40 MB unpack cap. `shape` picks which limit it meets first: the bytes
 * (4,000 rows of long cells), the data rows (40,000 short rows) or the cells (4,000 rows × 60).
 */
export function heavyXlsx(shape: 'bytes' | 'rows' | 'cells'): Buffer {
  const rows = shape === 'bytes' ? inlineRows(4000, 10, 955) : shape === 'rows' ? inlineRows(40_000, 8, 76) : inlineRows(4000, 60, 118);
  return sheetsXlsx([rows]);
}

/** Counts calls to exceljs's `workbook.xlsx.load` until `restore()`. */
export function watchWorkbookLoads(): { count: () => number; restore: () => void } {
  const proto = Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as { load: (...args: unknown[]) => Promise<unknown> };
  const original = proto.load;
  let calls = 0;
  proto.load = function (this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  };
  return { count: () => calls, restore: () => void (proto.load = original) };
}
