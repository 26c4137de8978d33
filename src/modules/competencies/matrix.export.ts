import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { SkillsMatrix } from './matrix.service';

/** One cell of an exported table: text, a number, or empty. */
export type ExportCell = string | number | null;

export interface MatrixTable {
  header: string[];
  rows: ExportCell[][];
}

/**
 * Text that a spreadsheet would run as a formula (= + - @, and tab or carriage return that some
 * programs strip first) gets a leading apostrophe, so a worker named "=HYPERLINK(…)" stays text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const safe = (cell: ExportCell): ExportCell => (typeof cell === 'string' ? neutralise(cell) : cell);

/**
 * The matrix as the page shows it, as a table: worker, workshop, position; per unit the current
 * level (empty when never assessed) and the gap against the worker's profile (empty when the
 * profile does not require the unit); the total gap. Strings are neutralised against formulas.
 */
export function matrixTable(matrix: SkillsMatrix, t: TFunction): MatrixTable {
  const header = [
    t('competencies:matrix.worker'),
    t('competencies:matrix.workshop'),
    t('competencies:matrix.position'),
    ...matrix.columns.flatMap((c) => [t('competencies:matrix.level_of', { code: c.code }), t('competencies:matrix.gap_of', { code: c.code })]),
    t('competencies:matrix.total_gap'),
  ].map(neutralise);
  const rows = matrix.rows.map((r) =>
    [
      r.name,
      r.workshop,
      r.position,
      ...r.cells.flatMap((c): ExportCell[] => [c.level, c.required === null ? null : c.gap]),
      r.totalGap,
    ].map(safe),
  );
  return { header, rows };
}

/** CSV with a byte-order mark, so Excel opens it as UTF-8 (names such as "Siti Rahayu" are safe anyway). */
export function matrixCsv(table: MatrixTable): Buffer {
  return Buffer.from(stringify([table.header, ...table.rows.map((r) => r.map((c) => (c === null ? '' : c)))], { bom: true, record_delimiter: 'windows' }), 'utf8');
}

/** Level colours of the page (lvl-0 … lvl-4), as ARGB fills. */
const LEVEL_FILLS = ['FFF1F3F5', 'FFDCEBF7', 'FFB3D4EC', 'FF6FA8D0', 'FF2F6F9F'];
const GAP_FILL = 'FFFDECEA';

/** The same table as an XLSX workbook: numbers stay numbers, levels and gaps coloured as on the page. */
export async function matrixXlsx(table: MatrixTable, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Takaru Skills';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(row.map((c) => (c === null ? null : c)));
    row.forEach((value, i) => {
      // Unit columns come in pairs after the first three: level, then gap.
      if (i < 3 || i >= row.length - 1 || typeof value !== 'number') return;
      const isLevel = (i - 3) % 2 === 0;
      const argb = isLevel ? LEVEL_FILLS[value] : value > 0 ? GAP_FILL : undefined;
      if (argb) added.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
      if (isLevel && value >= 4) added.getCell(i + 1).font = { color: { argb: 'FFFFFFFF' } };
    });
  }
  sheet.columns.forEach((col, i) => {
    col.width = i < 3 ? 26 : 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
