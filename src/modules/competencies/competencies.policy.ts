import { hasRole, type Actor } from '../../platform/actor';
import { ForbiddenError } from '../../platform/errors';

/** Who keeps job profiles (what each position requires). */
export const PROFILE_ROLES = ['admin', 'coordinator'] as const;
/** Who sees the skills matrix: coordinators and admins for all workshops, managers for their own. */
export const MATRIX_ROLES = ['admin', 'coordinator', 'manager'] as const;
/** Who has "My skills". */
export const MY_SKILLS_ROLES = ['worker'] as const;

export function assertCanManageProfiles(actor: Actor): void {
  if (!hasRole(actor, ...PROFILE_ROLES)) throw new ForbiddenError();
}

/**
 * The workshop the matrix may show for `actor`: coordinators and admins whatever they asked (or
 * all, undefined); a manager only their own — asked for nothing, they get theirs; asking for
 * another workshop is refused. Others are refused.
 */
export function matrixWorkshop(actor: Actor, requested: string | undefined): string | undefined {
  if (hasRole(actor, 'admin', 'coordinator')) return requested;
  if (hasRole(actor, 'manager') && actor.workshopId) {
    if (requested && requested !== actor.workshopId) throw new ForbiddenError();
    return actor.workshopId;
  }
  throw new ForbiddenError();
}

/** Whether the workshop filter is the actor's to choose (managers see theirs only). */
export function choosesWorkshop(actor: Actor): boolean {
  return hasRole(actor, 'admin', 'coordinator');
}
