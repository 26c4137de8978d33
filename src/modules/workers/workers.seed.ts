import type { ServiceDeps } from '../../platform/deps';

/** Demo data for the workers module (idempotent: creates only what is missing). Returns records created. */
export async function seedWorkersDemo(_deps: ServiceDeps): Promise<number> {
  return 0;
}
