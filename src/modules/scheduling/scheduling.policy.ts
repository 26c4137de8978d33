import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Coordinators and admins plan sessions and enrol workers. */
export function assertCanPlan(actor: Actor): void {
  if (!hasRole(actor, 'coordinator', 'admin')) throw new ForbiddenError();
}

/** Staff may see every session; workers only open ones and their own (checked with the data). */
export function isStaff(actor: Actor): boolean {
  return hasRole(actor, 'coordinator', 'admin', 'instructor', 'manager');
}

/**
 * Whose enrolment a session page may name for the actor. Sessions are cluster-wide, but the
 * people in them are not: a manager sees only their own workshop's workers (the rest as a count),
 * an instructor the people of the classes they teach; coordinators and admins everyone. Anyone
 * else (a worker, an instructor of another class) sees counts only.
 */
export type PeopleScope = { kind: 'all' } | { kind: 'workshop'; workshopId: string } | { kind: 'none' };

export function sessionPeopleScope(actor: Actor, teachesSession: boolean): PeopleScope {
  if (hasRole(actor, 'coordinator', 'admin') || (teachesSession && hasRole(actor, 'instructor'))) return { kind: 'all' };
  if (hasRole(actor, 'manager') && actor.workshopId) return { kind: 'workshop', workshopId: actor.workshopId };
  return { kind: 'none' };
}

/** The reason a coordinator gave for overriding a clash is between planners: coordinators and admins. */
export function canSeeOverrideReason(actor: Actor): boolean {
  return hasRole(actor, 'coordinator', 'admin');
}
