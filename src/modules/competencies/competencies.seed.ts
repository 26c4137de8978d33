import type { ServiceDeps } from '../../platform/deps';

/** Demo data for the competencies module (idempotent: creates only what is missing). Returns records created. */
export async function seedCompetenciesDemo(_deps: ServiceDeps): Promise<number> {
  return 0;
}
