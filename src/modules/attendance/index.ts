import type { ServiceDeps } from '../../platform/deps';

export { Attendance, ATTENDANCE_STATUSES } from './attendance.model';
export { attendanceRoutes } from './attendance.routes';

/** Attendance per meeting, QR check-in, sign-in sheets, attendance rate and completion. */
export function createAttendanceModule(deps: ServiceDeps) {
  return { deps };
}
export type AttendanceModule = ReturnType<typeof createAttendanceModule>;
