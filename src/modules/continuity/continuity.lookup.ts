import { Types, trusted } from 'mongoose';
import { wibParts, wibToUtc } from '../../platform/time';
import { Worker } from '../workers';
import { ContinuityEntry } from './continuity-entry.model';
import { continuityChain } from './continuity-rules';
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

/** A certificate qualifying a worker in a process (continuity or periodic rule, not revoked). */
export interface Certification {
  certificateId: string;
  workerId: string;
  process: string;
  /** The issue date: a certification test is a use of the process, so continuity starts there. */
  date: Date;
  /** Not replaced by a renewal. */
  inForce: boolean;
}

/**
 * The certifications of these workers. The certificates module supplies it (it imports this module
 * for PROCESSES, so this module cannot import it back without a cycle).
 */
export type CertificationSource = (workerIds: string[]) => Promise<Certification[]>;
export const noCertifications: CertificationSource = async () => [];

/** Where a worker × process stands: the last use of the unbroken chain, and whether it needs a new test. */
export interface ProcessContinuity {
  lastUse: Date;
  /** Lapsed, and used again after the lapse: recorded, but only a new certification test restores it. */
  needsRetest: boolean;
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

/**
 * Continuity per worker × process as of `asOf`: uses (and test welds) walked in date order from the
 * latest certification in the process, or from the first use when there is none (continuity-rules
 * `continuityChain`): a gap over six months ends the chain for good. A certified process with
 * nothing logged yet starts at its certification date, so it shows from the day of issue.
 */
export async function continuityOf(workerIds: string[], asOf: Date, certifications: CertificationSource): Promise<Map<string, Map<WeldingProcess, ProcessContinuity>>> {
  const ids = validIds(workerIds);
  if (ids.length === 0) return new Map();
  const [rows, certs] = await Promise.all([
    ContinuityEntry.find({ worker: trusted({ $in: ids }), date: trusted({ $lte: asOf }) }, { worker: 1, process: 1, date: 1 }).lean(),
    certifications(ids.map(String)),
  ]);
  return continuityFrom(
    rows.map((r) => ({ workerId: String(r.worker), process: r.process, date: r.date })),
    certs,
    asOf,
  );
}

/**
 * The pure part of `continuityOf`, also used by the reports on data they loaded themselves: uses up
 * to `asOf` walked from the latest certification (or the first use) with `continuityChain`.
 */
export function continuityFrom(
  uses: readonly { workerId: string; process: string; date: Date }[],
  certs: readonly Pick<Certification, 'workerId' | 'process' | 'date'>[],
  asOf: Date,
): Map<string, Map<WeldingProcess, ProcessContinuity>> {
  const out = new Map<string, Map<WeldingProcess, ProcessContinuity>>();
  const day = (d: Date) => wibParts(d).date;
  const facts = new Map<string, { workerId: string; process: string; uses: string[]; certified: string | null }>();
  const factsOf = (workerId: string, process: string) => {
    const key = `${workerId}:${process}`;
    const f = facts.get(key) ?? { workerId, process, uses: [], certified: null };
    facts.set(key, f);
    return f;
  };
  for (const u of uses) if (u.date.getTime() <= asOf.getTime()) factsOf(u.workerId, u.process).uses.push(day(u.date));
  for (const c of certs) {
    if (c.date.getTime() > asOf.getTime()) continue;
    const f = factsOf(c.workerId, c.process);
    if (!f.certified || day(c.date) > f.certified) f.certified = day(c.date);
  }
  for (const f of facts.values()) {
    const start = f.certified ?? f.uses.reduce((a, b) => (b < a ? b : a));
    const chain = continuityChain(start, f.uses);
    const m = out.get(f.workerId) ?? new Map<WeldingProcess, ProcessContinuity>();
    m.set(f.process as WeldingProcess, { lastUse: wibToUtc(chain.lastUse, '00:00')!, needsRetest: chain.usesAfterLapse > 0 });
    out.set(f.workerId, m);
  }
  return out;
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
