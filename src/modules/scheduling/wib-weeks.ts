import { WIB_OFFSET_MS } from '../../platform/time';

const DAY_MS = 24 * 3600 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** The UTC instant of midnight WIB on the Monday of the ISO week containing `at` (in WIB). */
function mondayMidnight(at: Date): number {
  const wibDay = Math.floor((at.getTime() + WIB_OFFSET_MS) / DAY_MS) * DAY_MS;
  const weekday = (new Date(wibDay).getUTCDay() + 6) % 7; // Monday = 0
  return wibDay - weekday * DAY_MS - WIB_OFFSET_MS;
}

/**
 * The ISO week ("2026-W49") of the WIB date of `at`: the key of the week bucket a meeting is kept in.
 * ISO weeks run Monday–Sunday and belong to the year of their Thursday, so late December may be W01.
 */
export function wibWeekOf(at: Date): string {
  const monday = mondayMidnight(at) + WIB_OFFSET_MS; // as a UTC-midnight calendar date
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** [from, to) of an ISO week in WIB as UTC instants; null for a malformed key. */
export function wibWeekRange(key: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const from = week1Monday + (week - 1) * WEEK_MS - WIB_OFFSET_MS;
  if (wibWeekOf(new Date(from)) !== key) return null; // W53 of a year with 52 weeks
  return { from: new Date(from), to: new Date(from + WEEK_MS) };
}

/** The ISO weeks (WIB) that [from, to) touches, in order. */
export function wibWeeksBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = mondayMidnight(from); t < to.getTime(); t += WEEK_MS) out.push(wibWeekOf(new Date(t)));
  return out;
}
