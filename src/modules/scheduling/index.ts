import type { ServiceDeps } from '../../platform/deps';
import type { NotificationsModule } from '../notifications';
import { EnrollmentService } from './enrollment.service';
import { SessionsService } from './sessions.service';
import { SessionsQuery } from './sessions-query.service';
import { enrolmentOptions } from './options';

export { TrainingSession } from './session.model';
export { cachedSessions, sessionsByStart, openSessionsAfter, type CachedSession } from './sessions.cache';
export { Meeting } from './meeting.model';
export { meetingsChanged, rebuildMeetingReadModels } from './meeting-changes';
export { meetingsOfSession, meetingsOfSessions, meetingsBetween, meetingsOfSessionsBetween } from './meeting-reads';
export { sessionMeetings, weekMeetings, type MeetingEntry } from './meeting-read-models';
export { wibWeekOf } from './wib-weeks';
export { Enrollment, ENROLLMENT_STATUSES } from './enrollment.model';
export { enrolmentsChanged, rebuildEnrolmentReadModels } from './enrolment-changes';
export { workerEnrolments, sessionRoster, waitlistPlace, type EnrolmentEntry } from './enrolment-read-models';
export { Seat } from './seat.model';
export { schedulingRoutes } from './scheduling.routes';
export { SessionsService, SchedulingConflictError } from './sessions.service';
export { EnrollmentService, type EnrollOutcome } from './enrollment.service';
export { sessionStatus, SESSION_STATUSES, type SessionStatus, meetingState, MEETING_STATES, type MeetingState } from './session-status';
export { seedSchedulingDemo } from './scheduling.seed';
export { upcomingSessionsCounter } from './upcoming';

/** Sessions (classes) and meetings, conflicts, enrolment with wait-list, attendance and QR check-in. */
export function createSchedulingModule(deps: ServiceDeps, others: { notifications: NotificationsModule }) {
  const notifications = others.notifications.service;
  return {
    sessions: new SessionsService({ clock: deps.clock, notifications, appUrl: deps.config.appUrl }),
    enrollment: new EnrollmentService({ clock: deps.clock, notifications }),
    query: new SessionsQuery({ clock: deps.clock }),
    enrolmentOptions,
    clock: deps.clock,
  };
}
export type SchedulingModule = ReturnType<typeof createSchedulingModule>;
