import { Types, trusted } from 'mongoose';
import { Worker } from '../workers';
import { ContinuityEntry } from './continuity-entry.model';
import type { WeldingProcess } from './processes';

export interface LastUse {
  workerId: string;
  process: string;
  lastUse: Date;
}

export interface Welder {
  id: string;
  name: string;
  workshopId: string;
}

const validIds = (ids: string[]) => ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));

/**
 * The latest logged date per worker and process (uses and test welds alike: a test weld is welding
 * with that process). Optionally only for `workerIds`, and only entries dated up to `asOf` (a date
 * in the future proves nothing yet). Computed in TypeScript from a projected query: FerretDB's $group
 * has no $max.
 */
export async function lastUses(workerIds?: string[], asOf?: Date): Promise<LastUse[]> {
  if (workerIds && workerIds.length === 0) return [];
  const filter: Record<string, unknown> = workerIds ? { worker: trusted({ $in: validIds(workerIds) }) } : {};
  if (asOf) filter.date = trusted({ $lte: asOf });
  const rows = await ContinuityEntry.find(filter, { worker: 1, process: 1, date: 1 }).lean();
  const latest = new Map<string, LastUse>();
  for (const r of rows) {
    const key = `${String(r.worker)}:${r.process}`;
    const seen = latest.get(key);
    if (!seen || seen.lastUse.getTime() < r.date.getTime()) latest.set(key, { workerId: String(r.worker), process: r.process, lastUse: r.date });
  }
  return [...latest.values()];
}

/** Last uses grouped by worker: workerId → process → date. */
export function byWorker(uses: LastUse[]): Map<string, Map<WeldingProcess, Date>> {
  const out = new Map<string, Map<WeldingProcess, Date>>();
  for (const u of uses) {
    const m = out.get(u.workerId) ?? new Map<WeldingProcess, Date>();
    m.set(u.process as WeldingProcess, u.lastUse);
    out.set(u.workerId, m);
  }
  return out;
}

/** Welders: active workers with the trade `welding`, by name; optionally of one workshop. */
export async function listWelders(workshopId?: string | null): Promise<Welder[]> {
  const filter: Record<string, unknown> = { active: true, trades: 'welding' };
  if (workshopId) {
    if (!Types.ObjectId.isValid(workshopId)) return [];
    filter.workshop = new Types.ObjectId(workshopId);
  }
  const rows = await Worker.find(filter, { name: 1, workshop: 1 }).sort({ name: 1, _id: 1 }).lean();
  return rows.map((w) => ({ id: String(w._id), name: w.name, workshopId: String(w.workshop) }));
}
