import { Types, trusted } from 'mongoose';
import { assessedLevels, workerLevels } from '../assessments';
import { Course, type Trade } from '../catalogue';
import { Worker, workshopRosters } from '../workers';
import { compareEvents, currentLevelsFrom, pairEvents, type GainRow, type LevelEvent } from './gains';

/*
 * Reads of assessed levels for pages and for other modules (reports). They take no actor: the
 * caller decides who may see what it builds. Lean, projected queries joined in TypeScript.
 */

const isId = (v: string) => /^[a-f0-9]{24}$/i.test(v);
const oid = (ids: readonly string[]) => [...new Set(ids)].filter(isId).map((id) => new Types.ObjectId(id));

async function events(filter: Record<string, unknown>): Promise<LevelEvent[]> {
  return (await assessedLevels(filter)).sort(compareEvents);
}

/** Read-model documents hold dates as stored; events are compared as `LevelEvent`s. */
const asEvent = (e: LevelEvent): LevelEvent => ({ ...e, assessedAt: new Date(e.assessedAt) });

/**
 * The current level of each worker on each unit: the latest assessed level (by date; a post-
 * assessment counts after a pre-assessment of the same day), of any kind. `workerIds` limits the
 * workers (an empty list → an empty map); without it, every worker assessed (a scan of every
 * assessment: for jobs and reports, never a page).
 * With `workerIds`, one point read per worker of the `worker-levels` read model (assessments
 * module), never a filter on assessments (a full scan on FerretDB).
 * Map: worker id → unit id → the assessment that set it.
 */
export async function currentLevels(workerIds?: readonly string[]): Promise<Map<string, Map<string, LevelEvent>>> {
  if (workerIds && workerIds.length === 0) return new Map();
  if (!workerIds) return currentLevelsFrom(await events({}));
  const docs = await workerLevels.getMany(workerIds.filter(isId).map((id) => id.toLowerCase()));
  return currentLevelsFrom([...docs.values()].flatMap((d) => d.events.map(asEvent)));
}

/** Every assessed level of one worker, oldest first (the history behind the current levels); one read by `_id`. */
export async function levelHistory(workerId: string): Promise<LevelEvent[]> {
  if (!isId(workerId)) return [];
  return (await workerLevels.get(workerId.toLowerCase())).events.map(asEvent).sort(compareEvents);
}

export interface GainFilter {
  workerIds?: readonly string[];
  workshopId?: string;
  courseId?: string;
  sessionId?: string;
  unitId?: string;
  /** The course's trade. */
  trade?: Trade;
  /** Rows whose gain falls in [from, to) — by the post-assessment, else the pre-assessment. */
  from?: Date;
  to?: Date;
}

/**
 * Pre/post pairs per enrolment and unit, with gain and normalised gain where both exist, and the
 * worker's workshop (as it is now) and the course's trade for roll-ups (`rollupGains`).
 */
export async function gainRows(filter: GainFilter = {}): Promise<GainRow[]> {
  const q: Record<string, unknown> = {};
  let workerIds = filter.workerIds ? oid(filter.workerIds) : undefined;
  if (filter.workshopId) {
    if (!isId(filter.workshopId)) return [];
    // The workshop's roster (one point read), not a filter on workers (a full scan on FerretDB).
    const inShop = await workshopRosters([filter.workshopId]);
    const set = new Set(inShop.map((w) => w.id));
    workerIds = workerIds ? workerIds.filter((id) => set.has(String(id))) : inShop.map((w) => new Types.ObjectId(w.id));
  }
  if (workerIds) q.worker = trusted({ $in: workerIds });
  for (const [field, value] of [['course', filter.courseId], ['session', filter.sessionId], ['unit', filter.unitId]] as const) {
    if (value === undefined) continue;
    if (!isId(value)) return [];
    q[field] = new Types.ObjectId(value);
  }
  if (filter.trade) {
    const ofTrade = (await Course.find({ trade: filter.trade }, { _id: 1 }).lean()).map((c) => String(c._id));
    if (filter.courseId) {
      if (!ofTrade.includes(filter.courseId)) return [];
    } else q.course = trusted({ $in: oid(ofTrade) });
  }
  const evs = await events(q);
  const [workers, courses] = await Promise.all([
    Worker.find({ _id: trusted({ $in: oid(evs.map((e) => e.workerId)) }) }, { workshop: 1 }).lean(),
    Course.find({ _id: trusted({ $in: oid(evs.map((e) => e.courseId)) }) }, { trade: 1 }).lean(),
  ]);
  const shopOf = new Map(workers.map((w) => [String(w._id), String(w.workshop)]));
  const tradeOf = new Map(courses.map((c) => [String(c._id), c.trade]));
  const rows = pairEvents(evs, (e) => ({ trade: tradeOf.get(e.courseId) ?? '', workshopId: shopOf.get(e.workerId) ?? '' }));
  return rows.filter((r) => {
    const at = (r.postAt ?? r.preAt)!.getTime();
    return (!filter.from || at >= filter.from.getTime()) && (!filter.to || at < filter.to.getTime());
  });
}
