import type { i18n } from 'i18next';
import { LANGUAGES } from '../../../platform/i18n';
import { TRADE_ALIASES, TRADES, type Trade } from '../../../platform/glossary';
import { ImportFileError } from './import-errors';
import type { RawTable } from './read-table';

/** The columns of an import file, in template order. Headers are the labels `workers:import.columns.<c>`. */
export const IMPORT_COLUMNS = ['name', 'phone', 'email', 'workshop', 'trades', 'position', 'joined', 'nik'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['name', 'phone', 'workshop'];

/** A flag set while reading a cell (a formula cell, a NIK stored as a number), checked with the row. */
export interface CellFlag {
  field: ImportColumn;
  code: string;
}

/** One data row as stored for the preview: the cell texts by column and the flags from reading. */
export interface ImportRow {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
  flags: CellFlag[];
}

// Headers people actually write in Tegal spreadsheets, besides the template's own labels.
const HEADER_ALIASES: Record<ImportColumn, string[]> = {
  name: ['nama', 'namalengkap', 'fullname'],
  phone: ['hp', 'nohp', 'nomorhp', 'telepon', 'telp', 'notelp', 'whatsapp', 'wa', 'nowa', 'mobile'],
  email: ['surel', 'emailaddress'],
  workshop: ['perusahaan', 'ikm', 'company', 'namabengkel'],
  // "Keahlian" was the template's own header before the vocabulary was unified.
  trades: ['bidang', 'bidangkeahlian', 'keahlian', 'skills', 'trade'],
  position: ['posisi', 'jobtitle', 'jabatankerja'],
  joined: ['tanggalmasuk', 'tglmasuk', 'mulaikerja', 'joindate', 'joined', 'datejoined'],
  nik: ['noktp', 'nomorktp', 'ktp', 'nomornik'],
};

/** Letters and digits only, lower case: "No. HP" and "no hp" compare equal. */
export const squash = (s: string) => s.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');

/** Translated labels the import understands, built once from the glossary's labels (both languages) and its aliases. */
export class ImportVocabulary {
  private readonly headers = new Map<string, ImportColumn>();
  private readonly trades = new Map<string, Trade>();

  constructor(i18n: i18n) {
    for (const column of IMPORT_COLUMNS) {
      this.headers.set(squash(column), column);
      for (const alias of HEADER_ALIASES[column]) this.headers.set(alias, column);
    }
    for (const trade of TRADES) this.trades.set(squash(trade), trade);
    for (const [alias, trade] of Object.entries(TRADE_ALIASES)) this.trades.set(alias, trade);
    for (const lng of LANGUAGES) {
      const t = i18n.getFixedT(lng);
      for (const column of IMPORT_COLUMNS) this.headers.set(squash(t(`workers:import.columns.${column}`)), column);
      for (const trade of TRADES) this.trades.set(squash(t(`catalogue:trades.${trade}`)), trade);
    }
  }

  column(header: string): ImportColumn | undefined {
    return this.headers.get(squash(header));
  }

  trade(label: string): Trade | undefined {
    return this.trades.get(squash(label));
  }
}

/**
 * Maps a table's columns by their headers (either language, any order; unknown columns are ignored)
 * and turns its rows into import rows.
 * @throws ImportFileError missing_columns when name, phone or workshop has no column.
 */
export function toImportRows(table: RawTable, vocabulary: ImportVocabulary): { columns: ImportColumn[]; rows: ImportRow[] } {
  const byIndex = new Map<number, ImportColumn>();
  table.header.forEach((h, i) => {
    const column = vocabulary.column(h);
    if (column && ![...byIndex.values()].includes(column)) byIndex.set(i, column);
  });
  const columns = [...byIndex.values()];
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new ImportFileError('missing_columns', { columns: missing });
  const rows = table.rows.map((raw) => {
    const row: ImportRow = { line: raw.line, cells: {}, flags: [] };
    for (const [i, column] of byIndex) {
      const cell = raw.cells[i];
      if (!cell) continue;
      row.cells[column] = cell.text;
      if (cell.formula) row.flags.push({ field: column, code: 'formula' });
      else if (cell.error) row.flags.push({ field: column, code: 'cell_error' });
      else if (cell.number && column === 'nik') row.flags.push({ field: column, code: 'nik_number' });
    }
    return row;
  });
  return { columns, rows };
}
