import { Types, trusted } from 'mongoose';
import type { Actor } from '../../platform/actor';
import { wibParts } from '../../platform/time';
import type { AuditService } from '../audit';
import { ContinuityEntry } from './continuity-entry.model';
import type { CertificationSource } from './continuity.lookup';
import { continuityChain } from './continuity-rules';

const day = (d: Date) => wibParts(d).date;

/**
 * Writes `certificate.continuity` to the audit trail of every certificate in force that the uses on
 * `date` (already saved) carried on: its chain of uses from its issue date is unbroken up to that
 * day. A certificate that had lapsed before is left alone: the use does not revive it. Auditors read
 * a certificate's trail, not the continuity log, so the confirmation is recorded on both.
 */
export async function auditCarriedCertificates(
  deps: { audit: AuditService; certifications: CertificationSource },
  actor: Actor,
  uses: ReadonlyArray<{ workerId: string; process: string }>,
  date: Date,
  details: Record<string, unknown>,
): Promise<void> {
  const workerIds = [...new Set(uses.map((u) => u.workerId))];
  const certs = (await deps.certifications(workerIds)).filter(
    (c) => c.inForce && c.date.getTime() <= date.getTime() && uses.some((u) => u.workerId === c.workerId && u.process === c.process),
  );
  if (certs.length === 0) return;
  const rows = await ContinuityEntry.find(
    { worker: trusted({ $in: workerIds.map((id) => new Types.ObjectId(id)) }), date: trusted({ $lte: date }) },
    { worker: 1, process: 1, date: 1 },
  ).lean();
  for (const c of certs) {
    const dates = rows.filter((r) => String(r.worker) === c.workerId && r.process === c.process).map((r) => day(r.date));
    const chain = continuityChain(day(c.date), dates);
    if (chain.usesAfterLapse > 0) continue;
    await deps.audit.record(actor, 'certificate.continuity', 'Certificate', c.certificateId, { ...details, process: c.process, date: day(date), validUntil: chain.coveredUntil });
  }
}
