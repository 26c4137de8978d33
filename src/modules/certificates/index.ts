import type { ServiceDeps } from '../../platform/deps';
import { AuditService } from '../audit';
import { AssessmentsService } from './assessments.service';
import { CertificatesService } from './certificates.service';
import { CredentialsService } from './credentials.service';
import { certificationsOf } from './evidence';
import { IssueService } from './issue.service';
import { renderCertificatePdf, type PdfCertificate } from './pdf';
import { pdfFactsOf } from './pdf-facts';
import { SchemesService } from './schemes.service';

export { certificatesRoutes } from './certificates.routes';
export { seedCertificatesDemo, DEMO_VERIFY_KEYS, demoVerifyCode } from './certificates.seed';
export { Certificate } from './certificate.model';
export { CertificateScan, MAX_SCAN_BYTES } from './certificate-scan.model';
export { CertificateNumber, allocateNumber, formatNumber, TRADE_CODES } from './numbering';
export { CertificationAssessment, OUTCOMES, allCompetent } from './assessment.model';
export { CertificationScheme, ISSUER_KINDS } from './scheme.model';
export { certificateStatus, addMonths, daysBetween, CERTIFICATE_STATUSES, VALIDITY_KINDS, EXPIRING_DAYS, type CertificateStatus, type CertificateState, type ValidityRule } from './validity';
export { statesOf, evidenceOf, certificationsOf } from './evidence';
export { workerCertificates, certificatesChanged, rebuildCertificateReadModels, type WorkerCertificates } from './worker-certificates.read-model';
export { verifyUrl, qrPng, qrDataUrl } from './qr';
export { verifyLimits } from './verify-limits';
export { CertificatesService } from './certificates.service';
export { IssueService } from './issue.service';
export { AssessmentsService } from './assessments.service';
export { SchemesService } from './schemes.service';
export type { CertificateRow, CertificateDetail, PublicCertificate } from './certificate.view';

/** Certification assessments, certificates with validity rules, PDF, public verification, "My certificates". */
export function createCertificatesModule(deps: ServiceDeps) {
  const audit = new AuditService({ clock: deps.clock });
  const certificates = new CertificatesService({ clock: deps.clock, audit });
  return {
    deps,
    audit,
    schemes: new SchemesService(),
    assessments: new AssessmentsService({ clock: deps.clock }),
    issue: new IssueService({ clock: deps.clock, audit }),
    certificates,
    credentials: new CredentialsService({ clock: deps.clock, appUrl: deps.config.appUrl, certificates }),
    /** Certificates with a process rule, for the continuity module (its CertificationSource). */
    certifications: certificationsOf,
    /** The certificate PDF with a QR code of `url` (the absolute verification link), signed by config's signatory. */
    pdf: async (c: PdfCertificate, url: string) => renderCertificatePdf(c, { ...(await pdfFactsOf(c)), signatory: deps.config.certSignatory }, url, deps.i18n, deps.clock.now()),
  };
}
export type CertificatesModule = ReturnType<typeof createCertificatesModule>;
