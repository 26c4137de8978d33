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
