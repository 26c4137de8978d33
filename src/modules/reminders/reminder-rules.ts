const HOUR = 3600 * 1000;

/** "24h", "2h": which reminder a notice is (its key carries it). */
export type ReminderLabel = `${number}h`;
export interface ReminderOffset {
  label: ReminderLabel;
  ms: number;
}

/** Reminder offsets from hours before a meeting (REMINDER_HOURS), largest first. */
export function reminderOffsets(hours: readonly number[]): ReminderOffset[] {
  return [...new Set(hours)].sort((a, b) => b - a).map((h) => ({ label: `${h}h` as ReminderLabel, ms: h * HOUR }));
}

/** The default: 24 hours and 2 hours before each meeting. */
export const REMINDER_OFFSETS: readonly ReminderOffset[] = reminderOffsets([24, 2]);

/** How far ahead the scan looks: the largest offset, and never less than the instructors' day. */
export const scanHorizonMs = (offsets: readonly ReminderOffset[]) => Math.max(24 * HOUR, offsets[0]?.ms ?? 0);

/**
 * The reminder due for a meeting starting at `start`, seen at `now`: the one whose window is open —
 * with the default offsets, 24h during [start − 24 h, start − 2 h), 2h during [start − 2 h, start).
 * Null before the first window and once the meeting has begun. A meeting first seen inside the
 * 2-hour window (enrolled late, or moved) gets the 2-hour reminder only, never two at once.
 * Instants: WIB has no daylight saving, so hours before a meeting are the same in UTC.
 */
export function dueReminder(start: Date, now: Date, offsets: readonly ReminderOffset[] = REMINDER_OFFSETS): ReminderLabel | null {
  const left = start.getTime() - now.getTime();
  if (left <= 0) return null;
  let due: ReminderLabel | null = null;
  for (const o of offsets) if (left <= o.ms) due = o.label;
  return due;
}

/** The instructor's reminder, with the attendee list: once, in the day before the meeting. */
export function instructorReminderDue(start: Date, now: Date): boolean {
  const left = start.getTime() - now.getTime();
  return left > 0 && left <= 24 * HOUR;
}
