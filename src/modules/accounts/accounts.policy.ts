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

/**
 * Who may hand out a one-time login code: an admin for any account, a coordinator only for
 * worker-only accounts (a code for a coordinator or admin account would let them take it over).
 */
export function assertCanIssueLoginCode(actor: Actor, target: { roles: readonly string[] }): void {
  if (hasRole(actor, 'admin')) return;
  if (hasRole(actor, 'coordinator') && target.roles.length > 0 && target.roles.every((r) => r === 'worker')) return;
  throw new ForbiddenError();
}
