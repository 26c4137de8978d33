import type { ServiceDeps } from '../../platform/deps';
import { AttendanceService } from './attendance.service';
import { CheckinCodes } from './checkin.codes';
import { CheckinScreenService } from './checkin-screen.service';
import { CheckinService } from './checkin.service';
import { AttendanceSummaryService } from './summary.service';

export { Attendance, ATTENDANCE_STATUSES, ATTENDANCE_VIA, type AttendanceStatus } from './attendance.model';
export { attendanceRoutes } from './attendance.routes';
export { attendanceChanged, rebuildAttendanceReadModels, type AttendanceChange } from './attendance-changes';
export { sessionAttendance, attendanceOrder, type AttendanceEntry, type SessionAttendanceRecords } from './attendance.read-model';
export { CHECKIN_OPENS_BEFORE_MS, LATE_AFTER_MS, checkinTiming, checkinWindow, summariseWorker } from './attendance.rules';
export { canTakeAttendance } from './attendance.policy';
export { CheckinRefusedError, type CheckinResult } from './checkin.service';
export { CODE_GRACE_STEPS, CODE_STEP_MS, type QrPass } from './checkin.codes';
export { attendanceSummary, completionFor, type AttendanceSummaryRow } from './summary.service';

/**
 * Attendance per meeting, QR check-in, sign-in sheets, attendance rate and completion.
 * `attendanceSummary(sessionId)` and `completionFor(sessionId, workerId)` use the injected clock;
 * the functions of the same names exported above take `now` explicitly.
 */
export function createAttendanceModule(deps: ServiceDeps) {
  const codes = new CheckinCodes(deps.config.sessionSecret);
  const register = new AttendanceService({ clock: deps.clock });
  const summary = new AttendanceSummaryService({ clock: deps.clock });
  const checkin = new CheckinService({ clock: deps.clock, codes });
  const screen = new CheckinScreenService({ clock: deps.clock, appUrl: deps.config.appUrl, codes, register });
  return {
    deps,
    register,
    summary,
    checkin,
    screen,
    codes,
    attendanceSummary: (sessionId: string) => summary.attendanceSummary(sessionId),
    completionFor: (sessionId: string, workerId: string) => summary.completionFor(sessionId, workerId),
  };
}
export type AttendanceModule = ReturnType<typeof createAttendanceModule>;
