import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/**
 * Who takes attendance (and sees the sign-in sheet, the QR code and the attendance summary):
 * coordinators and admins for every meeting; an instructor only where they teach — their
 * Instructor record (linked to the account by `user`) is among `teachingInstructorIds`.
 */
export function canTakeAttendance(
  actor: Actor,
  teachingInstructorIds: readonly string[],
  actorInstructorId: string | null,
): boolean {
  if (hasRole(actor, 'admin', 'coordinator')) return true;
  return hasRole(actor, 'instructor') && actorInstructorId !== null && teachingInstructorIds.includes(actorInstructorId);
}

export function assertCanTakeAttendance(
  actor: Actor,
  teachingInstructorIds: readonly string[],
  actorInstructorId: string | null,
): void {
  if (!canTakeAttendance(actor, teachingInstructorIds, actorInstructorId)) throw new ForbiddenError();
}
