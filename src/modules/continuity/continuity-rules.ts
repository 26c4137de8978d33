import { addDays, startOfWibDay, wibParts, wibToUtc } from '../../platform/time';

/**
 * The continuity rule, as pure date arithmetic (AWS D1.1, ISO 9606-1, Permenaker PER.02/MEN/1982):
 * a welder's qualification for a process lapses when the last logged use of that process is older
 * than 6 months.
 *
 * "6 months" is calendar months in WIB: the same day of the month six months later, clamped to the
 * month's last day when that month is shorter (31 August → 28 February, or 29 in a leap year). The
 * welder is covered through that whole WIB day; the qualification lapses at the start of the next
 * WIB day, which is what `lapseDate` returns.
 */

export const CONTINUITY_MONTHS = 6;
/** A welder whose lapse date is at most this many days ahead is about to lapse. */
export const WARN_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export type WelderStatus = 'ok' | 'warn' | 'lapsed';

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A WIB calendar date ("YYYY-MM-DD") moved by whole months, the day clamped to the target month's end. */
export function addMonthsWib(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last WIB day the use on `lastUse` covers ("YYYY-MM-DD"): six calendar months later. */
export function coveredUntil(lastUse: Date): string {
  return addMonthsWib(wibParts(lastUse).date, CONTINUITY_MONTHS);
}

/** How a process's continuity stands after walking its uses from the certification (or first use). */
export interface ContinuityChain {
  /** The last use that kept the chain unbroken (the start when none did). */
  lastUse: string;
  /** Its last covered WIB day: six months after `lastUse`. */
  coveredUntil: string;
  /** Uses dated after the chain broke: recorded, but they prove nothing without a new test. */
  usesAfterLapse: number;
}

/**
 * Walks the uses ("YYYY-MM-DD", any order) in date order from `start` (the certification date, or the
 * first use): each use within six months of the previous one (or of the start) carries the
 * qualification on. The first gap longer than that ends it for good (ISO 9606-1 §9.2, AWS D1.1: only a
 * new test restores it), so later uses never revive it. Uses before `start` are ignored.
 */
export function continuityChain(start: string, uses: readonly string[]): ContinuityChain {
  let lastUse = start;
  let usesAfterLapse = 0;
  for (const day of [...uses].filter((d) => d >= start).sort()) {
    if (usesAfterLapse > 0 || day > addMonthsWib(lastUse, CONTINUITY_MONTHS)) usesAfterLapse++;
    else lastUse = day;
  }
  return { lastUse, coveredUntil: addMonthsWib(lastUse, CONTINUITY_MONTHS), usesAfterLapse };
}

/**
 * The instant the qualification lapses when `lastUse` was the last use of the process: midnight WIB
 * at the start of the day after `coveredUntil(lastUse)`. Last use 15 January → lapses 16 July 00:00 WIB.
 */
export function lapseDate(lastUse: Date): Date {
  return wibToUtc(addDays(coveredUntil(lastUse), 1), '00:00')!;
}

/** Whole WIB days from today (of `now`) until the lapse date; 0 or less means lapsed. */
export function daysUntilLapse(lastUse: Date, now: Date): number {
  return Math.round((lapseDate(lastUse).getTime() - startOfWibDay(now).getTime()) / DAY_MS);
}

/**
 * `lapsed` from the lapse date on; `warn` when it is at most 30 days away (`WARN_DAYS`); `ok` before.
 * Status changes at midnight WIB, whatever the time of `now`.
 */
export function welderStatus(lastUse: Date, now: Date): WelderStatus {
  const days = daysUntilLapse(lastUse, now);
  if (days <= 0) return 'lapsed';
  return days <= WARN_DAYS ? 'warn' : 'ok';
}

/** Today's WIB date ("YYYY-MM-DD"). */
export function wibToday(now: Date): string {
  return wibParts(now).date;
}
