import { wibToUtc } from '../../platform/time';

/**
 * Field rules shared by the worker form and the bulk import, so a row that imports is a worker the
 * form would have accepted.
 */

/** NIK: the 16-digit national ID number. Spaces and dots people type between groups are dropped. */
export function normalizeNik(input: string): string | null {
  const compact = input.replace(/[\s.]/g, '');
  return /^\d{16}$/.test(compact) ? compact : null;
}

/**
 * A date joined as people write it in Indonesia or as ISO: "2024-03-15", "15/03/2024", "15-3-2024",
 * "15.03.2024". Returns the ISO date, or null when it is none of these or impossible (31/02).
 */
export function parseDateInput(input: string): string | null {
  const s = input.trim();
  let y: string, m: string, d: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (iso) [, y, m, d] = iso as unknown as [string, string, string, string];
  else if (local) [, d, m, y] = local as unknown as [string, string, string, string];
  else return null;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return wibToUtc(date, '00:00') ? date : null;
}

/** Midnight WIB of an ISO date: how a date joined is stored. */
export function joinDateToUtc(date: string): Date {
  return wibToUtc(date, '00:00')!;
}

/**
 * Spreadsheet formula injection: a cell starting with =, +, - or @ (or a tab/CR) can run as a formula
 * when the data is opened in a spreadsheet later. Such cells are refused, not silently changed.
 * A phone number written "+62 812…" is a number, not a formula; a lone "-" means "empty".
 */
export function looksLikeFormula(value: string, field?: string): boolean {
  if (!/^[=+\-@\t\r]/.test(value)) return false;
  if (field === 'phone' && /^\+[\d\s().-]+$/.test(value)) return false;
  return true;
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
