import { addDays, wibToUtc } from '../../platform/time';

/**
 * Calendar date maths on WIB dates ("YYYY-MM-DD"). Pure: no database, no clock, so the unit tests
 * pin every edge (month ends, leap years, weeks across a year).
 */
export const CALENDAR_VIEWS = ['month', 'week'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

/** One day of a view: its WIB date, noon WIB as an instant (for formatting), and what falls on it. */
export interface DayCell<T> {
  date: string;
  at: Date;
  inRange: boolean;
  today: boolean;
  items: T[];
}

/** The weekday of a WIB date, 0 = Sunday (as Date#getUTCDay). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The Monday of the week (Monday–Sunday) containing `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The first day of the month `months` away from the month of `date` ("2026-01-31", +1 → "2026-02-01"). */
export function firstOfMonth(date: string, months = 0): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

/** The days a view shows, as [start, end) WIB dates, and which of them belong to the period itself. */
export function viewRange(view: CalendarView, date: string): { start: string; end: string; first: string; last: string } {
  if (view === 'week') {
    const start = mondayOf(date);
    return { start, end: addDays(start, 7), first: start, last: addDays(start, 6) };
  }
  const first = firstOfMonth(date);
  const last = addDays(firstOfMonth(date, 1), -1);
  const start = mondayOf(first);
  return { start, end: addDays(mondayOf(last), 7), first, last };
}

/** The date the previous (-1) or next (+1) period starts on. */
export function shiftPeriod(view: CalendarView, date: string, dir: -1 | 1): string {
  return view === 'week' ? addDays(mondayOf(date), 7 * dir) : firstOfMonth(date, dir);
}

/** Midnight WIB of a date as the UTC instant that starts it. */
export function wibMidnight(date: string): Date {
  return wibToUtc(date, '00:00')!;
}

/**
 * The days from `start` up to (not including) `end`, each with the items whose WIB `date` falls on
 * it, in the order given. Items outside the range are dropped.
 */
export function buildDays<T extends { date: string }>(
  start: string,
  end: string,
  items: readonly T[],
  opts: { today: string; first?: string; last?: string },
): DayCell<T>[] {
  const days: DayCell<T>[] = [];
  const byDate = new Map<string, DayCell<T>>();
  for (let d = start; d < end; d = addDays(d, 1)) {
    const inRange = (!opts.first || d >= opts.first) && (!opts.last || d <= opts.last);
    const cell: DayCell<T> = { date: d, at: wibToUtc(d, '12:00')!, inRange, today: d === opts.today, items: [] };
    days.push(cell);
    byDate.set(d, cell);
  }
  for (const item of items) byDate.get(item.date)?.items.push(item);
  return days;
}

/** Days in rows of seven (a month grid). */
export function toWeeks<T>(days: readonly T[]): T[][] {
  const weeks: T[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}
