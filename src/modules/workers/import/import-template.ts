import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { TFunction } from 'i18next';
import { TRADES } from '../../catalogue/trades';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS } from './import-columns';

const headers = (t: TFunction) => IMPORT_COLUMNS.map((c) => t(`workers:import.columns.${c}`));

/** The CSV template: the header row in the page language, UTF-8 with a BOM so Excel reads it as UTF-8. */
export function csvTemplate(t: TFunction): Buffer {
  return Buffer.from('\uFEFF' + stringify([headers(t)]), 'utf8');
}

/**
 * The XLSX template: a data sheet whose columns are formatted as text (so Excel keeps the leading 0
 * of phone numbers and all 16 digits of a NIK), and a help sheet with what each column takes, the
 * trades and the workshops' names.
 */
export async function xlsxTemplate(t: TFunction, workshopNames: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Takaru Skills';
  const sheet = workbook.addWorksheet(t('workers:import.template.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers(t).map((header) => ({ header, width: 24, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };

  const help = workbook.addWorksheet(t('workers:import.template.help_sheet'));
  help.columns = [{ width: 28 }, { width: 80 }];
  help.addRow([t('workers:import.template.column'), t('workers:import.template.meaning')]).font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    const required = REQUIRED_COLUMNS.includes(c) ? ` (${t('workers:import.template.required')})` : '';
    help.addRow([t(`workers:import.columns.${c}`) + required, t(`workers:import.help.${c}`)]);
  }
  help.addRow([]);
  help.addRow([t('workers:import.template.trades')]).font = { bold: true };
  for (const trade of TRADES) help.addRow([t(`catalogue:trades.${trade}`)]);
  help.addRow([]);
  help.addRow([t('workers:import.template.workshops')]).font = { bold: true };
  for (const name of workshopNames) help.addRow([name]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
