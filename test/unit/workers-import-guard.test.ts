import { expect } from 'chai';
import type { ImportFileError } from '../../src/modules/workers/import/import-errors';
import { MAX_CELLS, MAX_ROWS, MAX_SHARED_STRINGS, MAX_SHARED_STRINGS_BYTES } from '../../src/modules/workers/import/import-limits';
import { readTable } from '../../src/modules/workers/import/read-table';
import { XmlCensus, type CountedTag } from '../../src/modules/workers/import/xml-census';
import { assertSafeWorkbookZip } from '../../src/modules/workers/import/zip-guard';
import { heavyXlsx, inlineRows, sheetsXlsx, watchWorkbookLoads } from '../support/xlsx-files';

const codeOf = async (p: unknown) => Promise.resolve(p).then(() => 'no error', (err: ImportFileError) => err.code ?? String(err));
/** Rows with a value in column A only: a header and `count - 1` data rows. */
const rows = (count: number) => inlineRows(count, 1, 8);

describe('worker import: the XLSX guard counts before exceljs parses', () => {
  it('counts rows, cells and values in XML however it is split into chunks, prefixes included', () => {
    const xml = Buffer.from('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><col/><cfRule/></x:row><row><c t="inlineStr"><is><t>a</t></is></c><c s="1"/></row><si><t>s</t></si><f>A1</f>');
    const count = (size: number) => {
      const seen: Record<string, number> = {};
      const census = new XmlCensus((tag: CountedTag) => void (seen[tag] = (seen[tag] ?? 0) + 1));
      for (let at = 0; at < xml.length; at += size) census.write(xml.subarray(at, at + size));
      return seen;
    };
    const whole = count(xml.length);
    expect(whole).to.deep.equal({ row: 2, c: 3, v: 1, is: 1, si: 1, f: 1 });
    for (const size of [1, 2, 3, 5, 7, 13]) expect(count(size), `chunks of ${size}`).to.deep.equal(whole);
  });

  it('refuses a sheet of 5,001 data rows with the row-limit message, without opening it in exceljs, and lets 5,000 through', async () => {
    const loads = watchWorkbookLoads();
    try {
      expect(await codeOf(readTable(sheetsXlsx([rows(MAX_ROWS + 2)])))).to.equal('too_many_rows');
      expect(loads.count(), 'exceljs opened the refused file').to.equal(0);
      const table = await readTable(sheetsXlsx([rows(MAX_ROWS + 1)]));
      expect(table.rows).to.have.length(MAX_ROWS);
      expect(loads.count()).to.equal(1);
    } finally {
      loads.restore();
    }
  });

  it('holds the first sheet listed in the workbook to the row limit, not the others', async () => {
    const help = rows(MAX_ROWS + 100);
    expect(await codeOf(assertSafeWorkbookZip(sheetsXlsx([rows(10), help])))).to.equal('no error');
    expect(await codeOf(assertSafeWorkbookZip(sheetsXlsx([help, rows(10)])))).to.equal('too_many_rows');
  });

  it('refuses more cells or rows than a worker list has, empty formatted ones included', async () => {
    const formattedCells = Buffer.from(`<row r="1"><c t="inlineStr"><is><t>Nama</t></is></c>${'<c s="1"/>'.repeat(MAX_CELLS)}</row>`);
    expect(await codeOf(assertSafeWorkbookZip(sheetsXlsx([formattedCells])))).to.equal('too_many_cells');
    const formattedRows = Buffer.from('<row s="1" customFormat="1"/>'.repeat(25_000));
    expect(await codeOf(assertSafeWorkbookZip(sheetsXlsx([rows(10), formattedRows])))).to.equal('too_many_cells');
  });

  it('caps the shared strings by size and by count', async () => {
    const big = Buffer.from(`<sst>${`<si><t>${'x'.repeat(1000)}</t></si>`.repeat(Math.ceil(MAX_SHARED_STRINGS_BYTES / 1000))}</sst>`);
    expect(await codeOf(assertSafeWorkbookZip(sheetsXlsx([rows(10)], big)))).to.equal('unpacked_too_large');
    const many = Buffer.from(`<sst>${'<si/>'.repeat(MAX_SHARED_STRINGS + 1)}</sst>`);
    expect(await codeOf(assertSafeWorkbookZip(sheetsXlsx([rows(10)], many)))).to.equal('too_many_cells');
  });

  it('refuses the 38 MB sheets of the finding by the limit each meets first, without exceljs', async function () {
    this.timeout(30_000);
    const loads = watchWorkbookLoads();
    try {
      expect(await codeOf(readTable(heavyXlsx('bytes')))).to.equal('unpacked_too_large');
      expect(await codeOf(readTable(heavyXlsx('rows')))).to.equal('too_many_rows');
      expect(await codeOf(readTable(heavyXlsx('cells')))).to.equal('too_many_cells');
      expect(loads.count()).to.equal(0);
    } finally {
      loads.restore();
    }
  });
});
