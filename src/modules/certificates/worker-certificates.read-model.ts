import { trusted } from 'mongoose';
import { defineReadModel } from '../../platform/db/read-model';
import { Certificate } from './certificate.model';
import type { LeanCertificate } from './certificate.view';

export interface WorkerCertificates {
  worker: string;
  /** Every certificate of this holder (any state), whole, newest first (issue date, then id). */
  certificates: LeanCertificate[];
}

const newestFirst = (a: LeanCertificate, b: LeanCertificate) =>
  new Date(b.issueDate).getTime() - new Date(a.issueDate).getTime() || String(b._id).localeCompare(String(a._id));

const isId = (k: string) => /^[a-f0-9]{24}$/i.test(k);

function group(keys: readonly string[], rows: readonly LeanCertificate[]): Map<string, WorkerCertificates> {
  const out = new Map<string, WorkerCertificates>(keys.map((k) => [k, { worker: k, certificates: [] }]));
  for (const r of rows) {
    const key = String(r.worker);
    let doc = out.get(key);
    if (!doc) out.set(key, (doc = { worker: key, certificates: [] }));
    doc.certificates.push(r);
  }
  for (const doc of out.values()) doc.certificates.sort(newestFirst);
  return out;
}

/**
 * `worker-certificates:<workerId>`: every certificate of one holder, as stored (the state is computed
 * when read, from these facts and the continuity log). Read by the worker's own pages and home in one
 * point read instead of filtering certificates, which FerretDB answers by decoding them all. Kept
 * right by `certificatesChanged`, called by every writer of certificates (IssueService: create —
 * issue, renewal, history entry —, the renewal link on the old certificate, revocation); the demo
 * seed (direct updates) and scripts/generate.ts (bulk inserts) rebuild all.
 */
export const workerCertificates = defineReadModel<WorkerCertificates>({
  name: 'worker-certificates',
  version: 2,
  empty: (worker) => ({ worker, certificates: [] }),
  async build(keys) {
    const valid = keys.filter(isId);
    if (valid.length === 0) return new Map();
    return group(valid, (await Certificate.find({ worker: trusted({ $in: valid }) }).lean()) as unknown as LeanCertificate[]);
  },
  async buildAll() {
    return group([], (await Certificate.find({}).lean()) as unknown as LeanCertificate[]);
  },
});

export async function certificatesChanged(change: { workers?: readonly unknown[] }): Promise<void> {
  const workers = [...new Set((change.workers ?? []).map(String))];
  if (workers.length > 0) await workerCertificates.refresh(workers);
}

/** After a bulk write that bypassed the hook (scripts/generate.ts): every holder's document from one read. */
export function rebuildCertificateReadModels(): Promise<number> {
  return workerCertificates.rebuildAll();
}
