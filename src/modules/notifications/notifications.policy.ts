import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** The notification log, the jobs page and test emails: admins. */
export function assertCanRunDelivery(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ForbiddenError();
}

/** Who cannot be emailed: the people who plan classes and call workers. */
export function assertCanSeeUnreachable(actor: Actor): void {
  if (!hasRole(actor, 'coordinator', 'admin')) throw new ForbiddenError();
}
