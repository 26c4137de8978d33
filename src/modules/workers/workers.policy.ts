import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Coordinators and admins create, edit, deactivate and import workers, and give them logins. */
export function canManageWorkers(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'coordinator');
}

export function assertCanManageWorkers(actor: Actor): void {
  if (!canManageWorkers(actor)) throw new ForbiddenError();
}

/**
 * NIK is personal data: only coordinators and admins read, search or set it. Managers and workers
 * never get it from a service, so no page can show it to them by mistake.
 */
export function canSeeNik(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'coordinator');
}

/**
 * Which workers an actor may read: all (null) for coordinators and admins; a manager only their
 * workshop's (read-only); anyone else none.
 */
export function readableWorkshop(actor: Actor): string | null {
  if (canManageWorkers(actor)) return null;
  if (hasRole(actor, 'manager')) {
    if (!actor.workshopId) throw new ForbiddenError('no_workshop');
    return actor.workshopId;
  }
  throw new ForbiddenError();
}
