import { sessionAttendance } from './attendance.read-model';

export interface AttendanceChange {
  /** Sessions whose attendance records were written (created, changed, removed). */
  sessions: readonly unknown[];
}

/**
 * The one hook every writer of attendance calls after its write has committed and before it answers:
 * QR / typed-code check-in, the register's save and corrections, "mark all present", excused marks,
 * the demo seeds and test factories. Refreshes `session-attendance` of `sessions` from the source
 * (one read whatever the number of sessions, under per-key locks, so racing writers cannot leave a
 * stale document — see platform/db/read-model.ts). Pass every session a write touched in one call.
 */
export async function attendanceChanged(change: AttendanceChange): Promise<void> {
  const sessions = [...new Set(change.sessions.map(String))];
  if (sessions.length > 0) await sessionAttendance.refresh(sessions);
}

/**
 * After a bulk write that bypassed the hook (scripts/generate.ts, with no app running): rebuilds every
 * session's document from one read of the attendance, so no page view pays for building one.
 * Returns how many documents were written.
 */
export function rebuildAttendanceReadModels(): Promise<number> {
  return sessionAttendance.rebuildAll();
}
