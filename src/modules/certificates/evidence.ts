import { trusted, type Types } from 'mongoose';
import { ContinuityEntry, workerContinuity, type Certification } from '../continuity';
import { Certificate } from './certificate.model';
import { certificateStatus, type CertificateState, type Evidence, type StatusFacts } from './validity';

/** Up to this many workers, evidence comes from their `worker-continuity` read models. */
const FEW_WORKERS = 20;

/**
 * The continuity log entries of these workers, per worker id: the evidence the continuity and
 * periodic rules read. One projected query with $in (no $lookup on FerretDB).
 */
export async function evidenceOf(workerIds: readonly (string | Types.ObjectId)[]): Promise<Map<string, Evidence[]>> {
  const out = new Map<string, Evidence[]>();
  const ids = [...new Set(workerIds.map(String))];
  if (ids.length === 0) return out;
  // A few workers (a worker's own pages, one certificate): their read models by `_id`; many (lists,
  // reports): one scan of the log, cheaper than thousands of point reads.
  if (ids.length <= FEW_WORKERS) {
    for (const [worker, doc] of await workerContinuity.getMany(ids)) if (doc.entries.length > 0) out.set(worker, doc.entries.map((e) => ({ process: e.process as Evidence['process'], date: new Date(e.date), kind: e.kind as Evidence['kind'] })));
    return out;
  }
  const rows = await ContinuityEntry.find({ worker: trusted({ $in: ids }) }, { worker: 1, process: 1, date: 1, kind: 1 }).lean();
  for (const r of rows) {
    const key = String(r.worker);
    out.set(key, [...(out.get(key) ?? []), { process: r.process, date: r.date, kind: r.kind }]);
  }
  return out;
}

/** Only rules that read the log need it: skip the query when no certificate has such a rule. */
export function needsEvidence(certs: readonly { validity: { kind: string } }[]): boolean {
  return certs.some((c) => c.validity.kind === 'continuity' || c.validity.kind === 'periodic');
}

/** The states of many certificates at `now`, evidence loaded once. */
export async function statesOf<T extends StatusFacts & { worker: unknown }>(certs: readonly T[], now: Date): Promise<CertificateState[]> {
  const evidence = needsEvidence(certs) ? await evidenceOf(certs.map((c) => String(c.worker))) : new Map<string, Evidence[]>();
  return certs.map((c) => certificateStatus(c, evidence.get(String(c.worker)) ?? [], now));
}

/**
 * The continuity module's view of certificates: each certificate of these workers with a process
 * rule (continuity or periodic), not revoked. Its issue date starts that process's continuity.
 */
export async function certificationsOf(workerIds: readonly string[]): Promise<Certification[]> {
  const ids = [...new Set(workerIds)];
  if (ids.length === 0) return [];
  const rows = await Certificate.find({ worker: trusted({ $in: ids }) }, { worker: 1, issueDate: 1, validity: 1, revokedAt: 1, renewedBy: 1 }).lean();
  return rows.flatMap((c) => {
    const process = c.validity?.process;
    const kind = c.validity?.kind;
    if (c.revokedAt || !process || (kind !== 'continuity' && kind !== 'periodic')) return [];
    return [{ certificateId: String(c._id), workerId: String(c.worker), process, date: c.issueDate, inForce: !c.renewedBy }];
  });
}
