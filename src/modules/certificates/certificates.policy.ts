import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

export const MANAGE_ROLES = ['admin', 'coordinator'] as const;
/** Certificate lists: coordinators and admins (all), managers (their workshop's workers). */
export const LIST_ROLES = ['admin', 'coordinator', 'manager'] as const;
/** A certificate's page and PDF: the above, and a worker for their own certificates. */
export const VIEW_ROLES = ['admin', 'coordinator', 'manager', 'worker'] as const;

/** Coordinators and admins record assessments, keep schemes, issue, enter, renew and revoke certificates. */
export function canManageCertificates(actor: Actor): boolean {
  return hasRole(actor, ...MANAGE_ROLES);
}

export function assertCanManage(actor: Actor): void {
  if (!canManageCertificates(actor)) throw new ForbiddenError();
}

/** Whose certificates an actor may read. */
export type ReadScope = { kind: 'all' } | { kind: 'workshop'; workshopId: string } | { kind: 'holder'; userId: string };

export function readScope(actor: Actor): ReadScope {
  if (canManageCertificates(actor)) return { kind: 'all' };
  if (hasRole(actor, 'manager')) {
    if (!actor.workshopId) throw new ForbiddenError('no_workshop');
    return { kind: 'workshop', workshopId: actor.workshopId };
  }
  if (hasRole(actor, 'worker')) return { kind: 'holder', userId: actor.id };
  throw new ForbiddenError();
}

/** For lists: null (every workshop) or the manager's workshop; workers and others are refused. */
export function listWorkshopScope(actor: Actor): string | null {
  const scope = readScope(actor);
  if (scope.kind === 'all') return null;
  if (scope.kind === 'workshop') return scope.workshopId;
  throw new ForbiddenError();
}

/** Whether a holder (their workshop and login) is within the scope. */
export function inScope(scope: ReadScope, holder: { workshop?: unknown; user?: unknown } | null): boolean {
  if (!holder) return scope.kind === 'all';
  if (scope.kind === 'all') return true;
  if (scope.kind === 'workshop') return String(holder.workshop) === scope.workshopId;
  return holder.user != null && String(holder.user) === scope.userId;
}
