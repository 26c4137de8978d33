import type { TableKey } from './reports.schemas';

/**
 * Sheet names of the XLSX export, per table and language. Excel allows at most 31 characters and no
 * `\ / ? * [ ] :`; the page's table titles are longer ("Sertifikat segera berakhir, gugur atau
 * kedaluwarsa"), and cutting them produced "Sertifikat akan habis, lapse at". So the names are
 * chosen short here, by design; test/unit/reports-export-names.test.ts checks length, characters
 * and uniqueness per language.
 */
export const SHEET_NAMES: Record<'id' | 'en', Record<TableKey, string>> = {
  id: {
    summary: 'Ringkasan angka',
    index: 'Indeks daya saing',
    gains_course: 'Peningkatan per kursus',
    gains_trade: 'Peningkatan per bidang',
    months: 'Tren bulanan',
    quarters: 'Tren triwulanan',
    certificates: 'Sertifikat perlu tindakan',
    continuity: 'Kesinambungan juru las',
  },
  en: {
    summary: 'Summary',
    index: 'Competitiveness index',
    gains_course: 'Gains per course',
    gains_trade: 'Gains per trade',
    months: 'Monthly trend',
    quarters: 'Quarterly trend',
    certificates: 'Certificates to act on',
    continuity: 'Welder continuity',
  },
};

/** The sheet name of a table in a language (Indonesian for any language but English). */
export const sheetName = (key: TableKey, lng: string): string => SHEET_NAMES[lng === 'en' ? 'en' : 'id'][key];
