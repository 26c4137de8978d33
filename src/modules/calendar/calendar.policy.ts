import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Who plans or supervises training sees the whole calendar (sessions are cluster-wide, not per workshop). */
export const CALENDAR_ROLES = ['coordinator', 'admin', 'instructor', 'manager'] as const;
/** Who has a personal schedule: workers (the sessions they attend) and instructors (the ones they teach). */
export const SCHEDULE_ROLES = ['worker', 'instructor'] as const;

export function assertCanViewCalendar(actor: Actor): void {
  if (!hasRole(actor, ...CALENDAR_ROLES)) throw new ForbiddenError();
}

export function assertHasSchedule(actor: Actor): void {
  if (!hasRole(actor, ...SCHEDULE_ROLES)) throw new ForbiddenError();
}

/**
 * A session's .ics: staff may download any; a worker only a session they hold a place in (enrolled
 * or wait-listed) or one open for requests, which they could see anyway.
 */
export function canDownloadSession(actor: Actor, session: { state: string }, holdsPlace: boolean): boolean {
  if (hasRole(actor, ...CALENDAR_ROLES)) return true;
  if (!hasRole(actor, 'worker')) return false;
  return holdsPlace || session.state === 'open';
}
