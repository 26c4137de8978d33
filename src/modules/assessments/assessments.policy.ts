import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Roles that may open an assessment sheet at all (the route guard); instructors only for their sessions. */
export const ASSESS_ROLES = ['admin', 'coordinator', 'instructor'] as const;

/**
 * Who records pre/post assessments for a session: coordinators and admins for every session; an
 * instructor only for a session they teach — their Instructor record (linked to the account by
 * `user`) is among the session's instructors.
 */
export function canAssess(actor: Actor, sessionInstructorIds: readonly string[], actorInstructorId: string | null): boolean {
  if (hasRole(actor, 'admin', 'coordinator')) return true;
  return hasRole(actor, 'instructor') && actorInstructorId !== null && sessionInstructorIds.includes(actorInstructorId);
}

export function assertCanAssess(actor: Actor, sessionInstructorIds: readonly string[], actorInstructorId: string | null): void {
  if (!canAssess(actor, sessionInstructorIds, actorInstructorId)) throw new ForbiddenError();
}
