/**
 * WIB (Asia/Jakarta) is UTC+7 all year, with no daylight saving, so wall-clock times convert to UTC
 * by a fixed offset. Dates are stored in UTC and shown in WIB.
 */
export const WIB_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** "2026-12-01" + "08:00" in WIB → the UTC instant. Null when either part is malformed or impossible. */
export function wibToUtc(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, m, day, h, min] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (m < 1 || m > 12 || day < 1 || day > 31 || h > 23 || min > 59) return null;
  const utc = Date.UTC(y, m - 1, day, h, min) - WIB_OFFSET_MS;
  const back = wibParts(new Date(utc));
  return back.date === date ? new Date(utc) : null; // refuses 31 February and the like
}

/** The WIB calendar date ("YYYY-MM-DD"), time ("HH:MM") and weekday (0 = Sunday) of an instant. */
export function wibParts(at: Date): { date: string; time: string; weekday: number } {
  const shifted = new Date(at.getTime() + WIB_OFFSET_MS);
  const iso = shifted.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: shifted.getUTCDay() };
}

/** Midnight WIB of the day containing `at`, as a UTC instant. */
export function startOfWibDay(at: Date): Date {
  return new Date(Math.floor((at.getTime() + WIB_OFFSET_MS) / DAY_MS) * DAY_MS - WIB_OFFSET_MS);
}

/** A WIB calendar date moved by whole days ("2026-12-31" + 1 → "2027-01-01"). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Half-open intervals [aStart, aEnd) and [bStart, bEnd) overlap: back-to-back is not an overlap. */
export function overlaps(aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): boolean {
  return aStart.getTime() < bEnd.getTime() && bStart.getTime() < aEnd.getTime();
}
