import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Who sees reports: coordinators and admins for all of LIK Takaru, managers for their own workshop. */
export const REPORT_ROLES = ['admin', 'coordinator', 'manager'] as const;

/** Whether the actor sees every workshop (LIK level) and chooses among them. */
export function seesAllWorkshops(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'coordinator');
}

/**
 * The workshop a report covers for `actor`: coordinators and admins what they asked (null = all of
 * LIK Takaru); a manager always their own — a `?workshop=` naming another one is ignored, never
 * obeyed. Others, and a manager without a workshop, are refused.
 */
export function reportWorkshop(actor: Actor, requested: string | undefined): string | null {
  if (seesAllWorkshops(actor)) return requested ?? null;
  if (hasRole(actor, 'manager') && actor.workshopId) return actor.workshopId;
  throw new ForbiddenError();
}

/** Who issues numbered capability statements: coordinators (any workshop) and managers (their own). */
export const ISSUE_ROLES = ['coordinator', 'manager'] as const;
export function canIssueStatements(actor: Actor): boolean {
  return hasRole(actor, ...ISSUE_ROLES);
}
