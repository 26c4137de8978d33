import type { ServiceDeps } from '../../platform/deps';

/** Demo data for the scheduling module (idempotent: creates only what is missing). Returns records created. */
export async function seedSchedulingDemo(_deps: ServiceDeps): Promise<number> {
  return 0;
}
