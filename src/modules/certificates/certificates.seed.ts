import type { ServiceDeps } from '../../platform/deps';

/** Demo data for the certificates module (idempotent: creates only what is missing). Returns records created. */
export async function seedCertificatesDemo(_deps: ServiceDeps): Promise<number> {
  return 0;
}
