import type { AttendanceStatus } from './attendance.model';

/** The QR check-in opens this long before a meeting starts (people arrive early), and closes at its end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60 * 1000;
/**
 * A check-in up to this long after the start (inclusive) counts as present; later, as late. The
 * same grace an instructor would give when calling names.
 */
export const LATE_AFTER_MS = 15 * 60 * 1000;

export interface TimedMeeting {
  start: Date;
  end: Date;
}

/** The check-in window of a meeting: [opens, closes) — open from 30 minutes before the start until the end. */
export function checkinWindow(m: TimedMeeting): { opens: Date; closes: Date } {
  return { opens: new Date(m.start.getTime() - CHECKIN_OPENS_BEFORE_MS), closes: new Date(m.end.getTime()) };
}

export type CheckinTiming = 'too_early' | 'present' | 'late' | 'closed';

/**
 * What a check-in at `now` means: too early (before the window opens), present (from the opening
 * up to 15 minutes after the start, inclusive), late (later, until the end) or closed (at or after
 * the end).
 */
export function checkinTiming(m: TimedMeeting, now: Date): CheckinTiming {
  const t = now.getTime();
  const { opens, closes } = checkinWindow(m);
  if (t < opens.getTime()) return 'too_early';
  if (t >= closes.getTime()) return 'closed';
  return t <= m.start.getTime() + LATE_AFTER_MS ? 'present' : 'late';
}

/**
 * Present, late and absent describe what happened, so they can be recorded once the check-in
 * window has opened; excused (a leave agreed beforehand) can be recorded at any time.
 */
export function canRecordStatus(status: AttendanceStatus, m: TimedMeeting, now: Date): boolean {
  return status === 'excused' || now.getTime() >= checkinWindow(m).opens.getTime();
}

export interface SummaryMeeting extends TimedMeeting {
  id: string;
}

export interface WorkerAttendance {
  /** Non-cancelled meetings of the session that have started (start ≤ now). */
  held: number;
  /** Held meetings recorded present or late. */
  attended: number;
  /** Held meetings recorded excused: they leave the denominator of the rate. */
  excused: number;
  /** Held meetings neither attended nor excused: recorded absent, or not recorded at all. */
  absent: number;
  /** Of `absent`, the held meetings with no record yet. */
  unrecorded: number;
  /** attended ÷ (held − excused) × 100, rounded to one decimal; null when nothing counts yet. */
  ratePct: number | null;
  /** Every non-cancelled meeting has ended, so the outcome is final. */
  finished: boolean;
  /** Finished and the rate reaches the course's minimum (exact comparison, not the rounded rate). */
  completed: boolean;
}

/**
 * One worker's attendance over a session's non-cancelled meetings (cancelled meetings must not be
 * passed in). `records` maps meeting id → that worker's status; records of meetings not passed in
 * are ignored. See README.md for the completion rule.
 */
export function summariseWorker(
  meetings: readonly SummaryMeeting[],
  records: ReadonlyMap<string, AttendanceStatus>,
  minAttendancePct: number,
  now: Date,
): WorkerAttendance {
  const t = now.getTime();
  let held = 0;
  let attended = 0;
  let excused = 0;
  let unrecorded = 0;
  for (const m of meetings) {
    if (m.start.getTime() > t) continue;
    held++;
    const status = records.get(m.id);
    if (status === 'present' || status === 'late') attended++;
    else if (status === 'excused') excused++;
    else if (status === undefined) unrecorded++;
  }
  const counted = held - excused;
  const finished = meetings.length > 0 && meetings.every((m) => m.end.getTime() <= t);
  return {
    held,
    attended,
    excused,
    absent: held - attended - excused,
    unrecorded,
    ratePct: counted > 0 ? Math.round((attended * 1000) / counted) / 10 : null,
    finished,
    // Integers only: 4 of 5 against 80 % is exactly enough, with no floating-point rounding.
    completed: finished && counted > 0 && attended * 100 >= minAttendancePct * counted,
  };
}
