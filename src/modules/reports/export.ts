import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { neutralise } from '../competencies';
import type { Cell, ReportTable } from './tables';

/*
 * Exports of the dashboard's tables, streamed to the response: CSV with csv-stringify (BOM, CRLF),
 * XLSX with exceljs's streaming WorkbookWriter, rows committed one by one. Text that a spreadsheet
 * would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe; numbers stay
 * numbers (a negative gain written as the number -1 is not a formula).
 */

export const safeCell = (c: Cell): Cell => (typeof c === 'string' ? neutralise(c) : c);

/** One table as CSV into `out` (ends it). Resolves when written. */
export function writeCsv(table: ReportTable, out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const csv = stringify({ bom: true, record_delimiter: 'windows' });
    csv.on('error', reject);
    out.on('error', reject);
    out.on('finish', () => resolve());
    csv.pipe(out);
    csv.write(table.columns.map((c) => neutralise(c.label)));
    for (const row of table.rows) csv.write(row.map((c) => (c === null ? '' : safeCell(c))));
    csv.end();
  });
}

/** Tables as an XLSX workbook, one sheet each, streamed into `out`. */
export async function writeXlsx(tables: readonly ReportTable[], out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Takaru Skills';
  for (const table of tables) {
    const sheet = wb.addWorksheet(table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ width: c.kind === 'text' ? 28 : 14 }));
    const head = sheet.addRow(table.columns.map((c) => neutralise(c.label)));
    head.font = { bold: true };
    head.commit();
    for (const row of table.rows) sheet.addRow(row.map(safeCell)).commit();
    sheet.commit();
  }
  await wb.commit();
}
