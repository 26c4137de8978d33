import type { ServiceDeps } from '../../platform/deps';
import type { NotificationsModule } from '../notifications';

export { TrainingSession } from './session.model';
export { Meeting } from './meeting.model';
export { Enrollment, ENROLLMENT_STATUSES } from './enrollment.model';
export { Seat } from './seat.model';
export { schedulingRoutes } from './scheduling.routes';
export { sessionStatus, SESSION_STATUSES, type SessionStatus } from './session-status';
export { seedSchedulingDemo } from './scheduling.seed';

/** Sessions (classes) and meetings, conflicts, enrolment with wait-list, attendance and QR check-in. */
export function createSchedulingModule(deps: ServiceDeps, others: { notifications: NotificationsModule }) {
  return { deps, others };
}
export type SchedulingModule = ReturnType<typeof createSchedulingModule>;
