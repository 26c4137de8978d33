import { Worker } from '../workers';
import { CertificationAssessment } from './assessment.model';

/** What the PDF prints beyond the certificate itself: who the holder is, who assessed them. */
export interface PdfFacts {
  /** "NIK ************1234", or empty when the worker has no NIK on record. */
  holderNik: string;
  assessor: { name: string; registration: string } | null;
}

/**
 * A NIK is personal data (only coordinators and admins see it in full): paper that circulates shows
 * its last 4 digits, enough to tell two holders of the same name apart.
 */
export const maskedNik = (nik: string | null | undefined): string => (nik ? `NIK ${'*'.repeat(Math.max(0, nik.length - 4))}${nik.slice(-4)}` : '');

/** Both read by `_id` alone (the only read FerretDB serves from an index). */
export async function pdfFactsOf(c: { workerId: string; assessmentId: string | null }): Promise<PdfFacts> {
  const [worker, assessment] = await Promise.all([
    Worker.findById(c.workerId, { nik: 1 }).lean(),
    c.assessmentId ? CertificationAssessment.findById(c.assessmentId, { assessor: 1 }).lean() : null,
  ]);
  return {
    holderNik: maskedNik(worker?.nik),
    assessor: assessment?.assessor ? { name: assessment.assessor.name, registration: assessment.assessor.registration } : null,
  };
}
