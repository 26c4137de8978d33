import type { ServiceDeps } from '../../platform/deps';

export { certificatesRoutes } from './certificates.routes';
export { seedCertificatesDemo } from './certificates.seed';

/** Certification assessments, certificates with validity rules, PDF, public verification, "My certificates". */
export function createCertificatesModule(deps: ServiceDeps) {
  return { deps };
}
export type CertificatesModule = ReturnType<typeof createCertificatesModule>;
