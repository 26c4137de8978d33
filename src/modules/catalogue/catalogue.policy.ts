import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Who builds the catalogue: competency units, courses, instructors, rooms. */
export const MANAGE_ROLES = ['admin', 'coordinator'] as const;
/** Who may browse the course list (read-only unless they also manage). */
export const BROWSE_ROLES = ['admin', 'coordinator', 'instructor', 'manager'] as const;

export function canManageCatalogue(actor: Actor | undefined): boolean {
  return hasRole(actor, ...MANAGE_ROLES);
}

export function canBrowseCourses(actor: Actor | undefined): boolean {
  return hasRole(actor, ...BROWSE_ROLES);
}

/** Coordinators and admins create and change everything in the catalogue. */
export function assertCanManageCatalogue(actor: Actor): void {
  if (!canManageCatalogue(actor)) throw new ForbiddenError();
}

/** Instructors and managers read the course list too (to plan and to see what their people can learn). */
export function assertCanBrowseCourses(actor: Actor): void {
  if (!canBrowseCourses(actor)) throw new ForbiddenError();
}

/**
 * A course's page is open to every signed-in account: workers reach it from the classes they can
 * join, to read what the course teaches and what it requires.
 */
export function assertCanViewCourse(actor: Actor | undefined): void {
  if (!actor) throw new ForbiddenError();
}
