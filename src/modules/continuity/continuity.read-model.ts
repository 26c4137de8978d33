import { trusted } from 'mongoose';
import { defineReadModel } from '../../platform/db/read-model';
import { ContinuityEntry } from './continuity-entry.model';

/** One log entry as the certificate rules read it (the evidence of continuity and periodic rules). */
export interface LoggedUse {
  process: string;
  date: Date;
  kind: string;
}

export interface WorkerContinuity {
  worker: string;
  entries: LoggedUse[];
}

const isId = (k: string) => /^[a-f0-9]{24}$/i.test(k);
const FIELDS = { worker: 1, process: 1, date: 1, kind: 1 } as const;

function group(keys: readonly string[], rows: readonly { worker: unknown; process: string; date: Date; kind: string }[]): Map<string, WorkerContinuity> {
  const out = new Map<string, WorkerContinuity>(keys.map((k) => [k, { worker: k, entries: [] }]));
  for (const r of rows) {
    const key = String(r.worker);
    let doc = out.get(key);
    if (!doc) out.set(key, (doc = { worker: key, entries: [] }));
    doc.entries.push({ process: r.process, date: r.date, kind: r.kind });
  }
  for (const doc of out.values()) doc.entries.sort((a, b) => new Date(a.date).getTime() - new Date(b.date).getTime());
  return out;
}

/**
 * `worker-continuity:<workerId>`: every continuity log entry of one worker (process, date, kind).
 * Read by the certificate rules for a few workers at a time (a worker's own pages and home) instead
 * of filtering the log, which FerretDB answers by decoding every entry. Kept right by
 * `continuityChanged` (continuity-changes.ts), which every writer of the log calls.
 */
export const workerContinuity = defineReadModel<WorkerContinuity>({
  name: 'worker-continuity',
  version: 1,
  empty: (worker) => ({ worker, entries: [] }),
  async build(keys) {
    const valid = keys.filter(isId);
    if (valid.length === 0) return new Map();
    return group(valid, (await ContinuityEntry.find({ worker: trusted({ $in: valid }) }, FIELDS).lean()) as never);
  },
  async buildAll() {
    return group([], (await ContinuityEntry.find({}, FIELDS).lean()) as never);
  },
});

/**
 * The one hook every writer of continuity entries calls after its write: logging a use, a
 * workshop's six-monthly confirmation (and its roll-back), seeds, test factories.
 */
export async function continuityChanged(change: { workers?: readonly unknown[] }): Promise<void> {
  const workers = [...new Set((change.workers ?? []).map(String))];
  if (workers.length > 0) await workerContinuity.refresh(workers);
}

/** After a bulk write that bypassed the hook (scripts/generate.ts): every worker's document from one read. */
export function rebuildContinuityReadModels(): Promise<number> {
  return workerContinuity.rebuildAll();
}
