import { addMonths, daysBetween } from '../certificates';

/** Days before the last day of validity at which the holder is told (0 = today is the last day). */
export const EXPIRY_NOTICE_DAYS = [90, 30, 7, 0] as const;
export type ExpiryMark = (typeof EXPIRY_NOTICE_DAYS)[number];

/** A welder is warned once the last use of a process is this many months old (lapse: 6). */
export const WELDER_WARNING_MONTHS = 5;

/** What the digest lists: certificates whose last day is at most this many days away. */
export const DIGEST_HORIZON_DAYS = 90;

/**
 * The expiry notice due with `daysLeft` days to go: the smallest mark not below it. A daily scan
 * that missed days (the worker was down) still sends the one that matters now, never a stale one
 * as well: 95 → none, 90…31 → 90, 30…8 → 30, 7…1 → 7, 0 → 0; past the last day → none.
 */
export function expiryMarkDue(daysLeft: number | null): ExpiryMark | null {
  if (daysLeft === null || daysLeft < 0) return null;
  let due: ExpiryMark | null = null;
  for (const mark of EXPIRY_NOTICE_DAYS) if (daysLeft <= mark) due = mark;
  return due;
}

/**
 * Whether a welder whose last use of a process was on `lastUse` ("YYYY-MM-DD", WIB) is due a
 * warning on `today`: from five calendar months after that use until the qualification lapses
 * (six months; validUntil is its last day).
 */
export function welderWarningDue(lastUse: string, validUntil: string, today: string): boolean {
  return today >= addMonths(lastUse, WELDER_WARNING_MONTHS) && daysBetween(today, validUntil) >= 0;
}

/** ISO 8601 week of a WIB date ("2026-W48"): the digest's idempotency key. */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const day = (t.getUTCDay() + 6) % 7; // Monday 0
  t.setUTCDate(t.getUTCDate() - day + 3); // the Thursday of this week decides the year
  const year = t.getUTCFullYear();
  const week = Math.floor((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
