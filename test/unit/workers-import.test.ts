import { expect } from 'chai';
import { createI18n } from '../../src/platform/i18n';
import { ImportVocabulary, toImportRows, type ImportRow } from '../../src/modules/workers/import/import-columns';
import { ImportFileError } from '../../src/modules/workers/import/import-errors';
import { readTable, sniffKind } from '../../src/modules/workers/import/read-table';
import { checkRows, type CheckContext } from '../../src/modules/workers/import/validate-rows';
import { assertSafeWorkbookZip, MAX_UNZIPPED_BYTES } from '../../src/modules/workers/import/zip-guard';
import { looksLikeFormula, normalizeNik, parseDateInput } from '../../src/modules/workers/worker-rules';
import { csvFile, xlsxFile } from '../support/people-factories';
import { zip as zipFile } from '../support/xlsx-files';

const vocabulary = new ImportVocabulary(createI18n());

/** A ZIP whose headers claim 1000 bytes per entry: the guard must not trust declared sizes. */
const zip = (entries: { name: string; data: Buffer }[]) => zipFile(entries, { declaredSize: 1000 });

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as ImportFileError).code;
  }
  return 'no error';
};
const asyncCode = async (p: Promise<unknown>) => p.then(() => 'no error', (err: ImportFileError) => err.code);

describe('worker import: reading files', () => {
  it('tells XLSX, CSV and everything else apart by content', () => {
    expect(sniffKind(Buffer.from('PK\x03\x04rest', 'latin1'))).to.equal('xlsx');
    expect(sniffKind(Buffer.from('Nama,No. HP\nBudi,0812\n'))).to.equal('csv');
    expect(sniffKind(Buffer.from('\uFEFFNama;Bengkel\n'))).to.equal('csv');
    expect(code(() => sniffKind(Buffer.from('%PDF-1.7\n\x00\x01binary', 'latin1')))).to.equal('wrong_type');
    expect(code(() => sniffKind(Buffer.from('d0cf11e0a1b11ae1000000', 'hex')))).to.equal('old_xls');
    expect(code(() => sniffKind(Buffer.from('Nama\nJos\xe9\n', 'latin1')))).to.equal('not_utf8');
    expect(code(() => sniffKind(Buffer.alloc(0)))).to.equal('empty');
  });

  it('stops a ZIP bomb without trusting the sizes it declares', async () => {
    const bomb = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(MAX_UNZIPPED_BYTES + 1024, 0x20) },
    ]);
    expect(bomb.length).to.be.below(200 * 1024);
    expect(await asyncCode(assertSafeWorkbookZip(bomb))).to.equal('unpacked_too_large');
    expect(await asyncCode(assertSafeWorkbookZip(zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }])))).to.equal('wrong_type');
    expect(await asyncCode(assertSafeWorkbookZip(Buffer.from('PK\x03\x04 broken', 'latin1')))).to.equal('unreadable');
  });

  it('passes a real workbook and reads its rows with their line numbers', async () => {
    const file = await xlsxFile([['Nama', 'No. HP'], ['Budi', '0812'], [], ['Wati', '0813']]);
    expect(await asyncCode(assertSafeWorkbookZip(file))).to.equal('no error');
    const table = await readTable(file);
    expect(table.kind).to.equal('xlsx');
    expect(table.rows.map((r) => [r.line, r.cells[0]!.text])).to.deep.equal([[2, 'Budi'], [4, 'Wati']]);
  });

  it('reads CSV with ; or , and quoted fields, skipping blank lines', async () => {
    const table = await readTable(csvFile([['Nama', 'Jabatan'], ['Budi', 'Juru las; SMAW "3G"'], ['', ''], ['Wati', 'QC']], ';'));
    expect(table.rows.map((r) => r.cells.map((c) => c.text))).to.deep.equal([['Budi', 'Juru las; SMAW "3G"'], ['Wati', 'QC']]);
    expect(table.rows[1]!.line).to.equal(4);
    expect(await asyncCode(readTable(Buffer.from('Nama,HP\n"unclosed,1\n')))).to.equal('unreadable');
    const many = csvFile([['Nama'], ...Array.from({ length: 5001 }, (_, i) => [`P${i}`])]);
    expect(await asyncCode(readTable(many))).to.equal('too_many_rows');
  });

  it('maps headers in either language, any order, and ignores other columns', async () => {
    const table = await readTable(csvFile([['Catatan', 'WORKSHOP', 'no hp', 'Nama lengkap', 'Trades'], ['x', 'B', '0812', 'Budi', 'Las']]));
    const { columns, rows } = toImportRows(table, vocabulary);
    expect(columns).to.have.members(['workshop', 'phone', 'name', 'trades']);
    expect(rows[0]!.cells).to.deep.equal({ workshop: 'B', phone: '0812', name: 'Budi', trades: 'Las' });
    const bad = await readTable(csvFile([['Nama', 'Email'], ['Budi', 'b@t.test']]));
    expect(code(() => toImportRows(bad, vocabulary))).to.equal('missing_columns');
  });
});

describe('worker import: checking rows', () => {
  const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({
    vocabulary,
    workshops: [{ id: 'w1', name: 'Logam Jaya Takaru', legalForm: 'CV' }, { id: 'w2', name: 'Presisi Teknik', legalForm: 'PT' }],
    workerByPhone: new Map(),
    workerByNik: new Map(),
    today: '2026-11-28',
    ...over,
  });
  const row = (line: number, cells: ImportRow['cells']): ImportRow => ({ line, cells, flags: [] });

  it('matches workshops with or without the legal form, ignoring case and spaces, but not a wrong form', () => {
    const [a, b, c, d] = checkRows(
      [row(2, { name: 'A', phone: '081226000001', workshop: 'cv.  logam jaya TAKARU' }), row(3, { name: 'B', phone: '081226000002', workshop: 'Presisi Teknik' }),
        row(4, { name: 'C', phone: '081226000003', workshop: 'PT Logam Jaya Takaru' }), row(5, { name: 'D', phone: '081226000004', workshop: 'PT. Presisi Teknik' })],
      ctx(),
    );
    expect(a!.input!.workshop).to.equal('w1');
    expect(b!.input!.workshop).to.equal('w2');
    expect(c!.problems).to.deep.equal([{ field: 'workshop', code: 'workshop_unknown', params: { value: 'PT Logam Jaya Takaru' } }]);
    expect(d!.input!.workshop).to.equal('w2');
  });

  it('understands trades in both languages and common shop words', () => {
    const [r] = checkRows([row(2, { name: 'A', phone: '081226000001', workshop: 'Logam Jaya Takaru', trades: 'Las; Machining / pelat logam, QUALITY CONTROL, K3, las' })], ctx());
    expect(r!.input!.trades).to.deep.equal(['welding', 'machining', 'sheet_metal', 'qc', 'safety']);
  });

  it('refuses formula-looking cells but lets a +62 phone and a lone dash through', () => {
    const [r] = checkRows([row(2, { name: '=1+1', phone: '+62 812-2600-0001', workshop: 'Logam Jaya Takaru', position: '-', email: '@x', nik: '+3328071203950042' })], ctx());
    expect(r!.problems.map((p) => `${p.field}:${p.code}`)).to.deep.equal(['name:formula', 'email:formula', 'nik:formula']);
    expect(looksLikeFormula('-5+3')).to.equal(true);
    expect(looksLikeFormula('\tcmd')).to.equal(true);
    expect(looksLikeFormula('+6281226000001', 'phone')).to.equal(false);
    expect(looksLikeFormula('+62=HYPERLINK()', 'phone')).to.equal(true);
  });

  it('reports duplicates within the file against the first line, and decides create or update', () => {
    const rows = checkRows(
      [row(2, { name: 'A', phone: '0812-2600-0001', workshop: 'Logam Jaya Takaru', nik: '3328071203950042' }),
        row(3, { name: 'B', phone: '+6281226000001', workshop: 'Logam Jaya Takaru' }),
        row(4, { name: 'C', phone: '081226000003', workshop: 'Logam Jaya Takaru', nik: '3328 0712 0395 0042' }),
        row(5, { name: 'D', phone: '081226000009', workshop: 'Logam Jaya Takaru' })],
      ctx({ workerByPhone: new Map([['+6281226000009', 'x9']]) }),
    );
    expect(rows[0]!.action).to.equal('create');
    expect(rows[1]!.problems).to.deep.equal([{ field: 'phone', code: 'duplicate_in_file', params: { line: 2 } }]);
    expect(rows[2]!.problems).to.deep.equal([{ field: 'nik', code: 'duplicate_in_file', params: { line: 2 } }]);
    expect(rows[3]).to.include({ action: 'update', workerId: 'x9' });
  });

  it('parses dates as written in Indonesia and checks NIKs', () => {
    expect(parseDateInput('15/03/2024')).to.equal('2024-03-15');
    expect(parseDateInput('5-3-2024')).to.equal('2024-03-05');
    expect(parseDateInput('2024-3-5')).to.equal('2024-03-05');
    expect(parseDateInput('31/02/2024')).to.equal(null);
    expect(parseDateInput('03/15/2024')).to.equal(null);
    expect(normalizeNik('3328.0712.0395.0042')).to.equal('3328071203950042');
    expect(normalizeNik('332807120395004')).to.equal(null);
    expect(normalizeNik('33280712039500AB')).to.equal(null);
  });
});
