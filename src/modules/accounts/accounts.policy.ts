import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Only admins create accounts, assign roles and deactivate. */
export function assertCanManageAccounts(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError();
}

/** Admins read the development outbox (it holds password-reset links). */
export function assertCanReadOutbox(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError();
}

/** Coordinators (and admins) give workers their login accounts; only with the worker role. */
export function assertCanCreateWorkerAccounts(actor: Actor): void {
  if (!hasRole(actor, 'admin', 'coordinator')) throw new ForbiddenError();
}
