import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Coordinators and admins create, edit and archive workshops. */
export function assertCanManageWorkshops(actor: Actor): void {
  if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
}

/**
 * Which workshops an actor may read: all (null) for coordinators and admins, only their own for a
 * manager. Anyone else is refused; a manager without a workshop is told so.
 */
export function readableWorkshopId(actor: Actor): string | null {
  if (hasRole(actor, 'admin', 'coordinator')) return null;
  if (hasRole(actor, 'manager')) {
    if (!actor.workshopId) throw new ForbiddenError('no_workshop');
    return actor.workshopId;
  }
  throw new ForbiddenError();
}

export function canManageWorkshops(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'coordinator');
}
