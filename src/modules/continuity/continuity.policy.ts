import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError, NotFoundError } from '../../platform/errors';

/**
 * Who works with the continuity log: coordinators and admins for every workshop; a manager (the
 * employer's responsible person, whom ISO 9606-1 lets confirm) for their own workshop only. Workers
 * and instructors do not. Returns the workshop an actor is limited to, or null for all.
 */
export function continuityScope(actor: Actor): string | null {
  if (hasRole(actor, 'admin', 'coordinator')) return null;
  if (hasRole(actor, 'manager')) {
    if (!actor.workshopId) throw new ForbiddenError('no_workshop');
    return actor.workshopId;
  }
  throw new ForbiddenError();
}

/**
 * Refuses a workshop outside the actor's scope. Another workshop's welder or page answers 404 for a
 * manager, as elsewhere in the app: it does not reveal that the record exists.
 */
export function assertInScope(actor: Actor, workshopId: string): void {
  const scope = continuityScope(actor);
  if (scope && scope !== workshopId) throw new NotFoundError();
}

/** Coordinators and admins choose among all workshops on the overview; a manager sees theirs only. */
export function canChooseWorkshop(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'coordinator');
}

/** Who may record a certification assessment (the certificates module's coordinators and admins): the re-test link. */
export function canRecordAssessment(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'coordinator');
}
