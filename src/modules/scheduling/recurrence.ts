import { addDays, wibParts, wibToUtc } from '../../platform/time';

export interface MeetingTime {
  start: Date;
  end: Date;
}

export interface Recurrence {
  /** First day, "YYYY-MM-DD" (WIB). */
  from: string;
  /** Weekdays, 0 = Sunday … 6 = Saturday. */
  weekdays: number[];
  weeks: number;
  /** Wall-clock times in WIB, "HH:MM". */
  startTime: string;
  endTime: string;
}

export const MAX_MEETINGS = 60;

/**
 * Meetings of a recurrence, e.g. every Monday and Wednesday 08:00–12:00 WIB for 4 weeks from a date:
 * every matching day in the `weeks × 7` days starting at `from`. Returns null when a time is invalid.
 */
export function expandRecurrence(r: Recurrence): MeetingTime[] | null {
  const days = new Set(r.weekdays);
  const out: MeetingTime[] = [];
  for (let i = 0; i < r.weeks * 7 && out.length < MAX_MEETINGS; i++) {
    const date = addDays(r.from, i);
    const start = wibToUtc(date, r.startTime);
    const end = wibToUtc(date, r.endTime);
    if (!start || !end) return null;
    if (days.has(wibParts(start).weekday)) out.push({ start, end });
  }
  return out;
}

/** Pairs of meetings of one plan that overlap each other (index pairs). */
export function selfOverlaps(meetings: MeetingTime[]): Array<[number, number]> {
  const sorted = meetings.map((m, i) => ({ ...m, i })).sort((a, b) => a.start.getTime() - b.start.getTime());
  const pairs: Array<[number, number]> = [];
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.start.getTime() < sorted[k - 1]!.end.getTime()) pairs.push([sorted[k - 1]!.i, sorted[k]!.i]);
  }
  return pairs;
}
