import type { ServiceDeps } from '../../platform/deps';

/** Demo data for the catalogue module (idempotent: creates only what is missing). Returns records created. */
export async function seedCatalogueDemo(_deps: ServiceDeps): Promise<number> {
  return 0;
}
