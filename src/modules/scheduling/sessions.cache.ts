import type { Types } from 'mongoose';
import { cacheCollection } from '../../platform/db/collection-cache';
import { TrainingSession } from './session.model';

/*
 * Every session's few listing fields held in the process (platform/db/collection-cache.ts), so the
 * pages that pick sessions by course, state, dates or instructor (the `/sessions` list and its
 * counts, open classes, prerequisites, "classes that close your gap", the homes) filter, sort and
 * page in memory. On FerretDB any filter but `{_id: value}` decodes the whole collection, so those
 * pages cost time in proportion to the history kept; from memory they cost a stamp read.
 *
 * Kept right by command monitoring: any driver write to `trainingsessions` in this process (create,
 * edit, state change, cancel, the firstStart/lastEnd refresh after a meeting moves, seeds,
 * generators, test factories, `deleteMany`) drops the copy at once; other processes drop theirs when
 * the collection's stamp changes. A session is written by people planning classes, a few times a
 * day; the next read after a write reloads the projection once (one scan). Only what pages filter,
 * sort or show in lists is held; a page about one session still reads it by `_id`.
 */

export interface CachedSession {
  _id: Types.ObjectId;
  course: Types.ObjectId;
  instructors: Types.ObjectId[];
  room: Types.ObjectId;
  capacity: number;
  state: 'planned' | 'open' | 'cancelled';
  firstStart?: Date | null;
  lastEnd?: Date | null;
}

export const cachedSessions = cacheCollection<CachedSession>(TrainingSession, {
  course: 1,
  instructors: 1,
  room: 1,
  capacity: 1,
  state: 1,
  firstStart: 1,
  lastEnd: 1,
});

/** Derived lists of one loaded copy (a new copy after a write is a new Map, so these go with it). */
const derived = new WeakMap<Map<string, CachedSession>, { all: CachedSession[]; byStart: CachedSession[] }>();

/** A date's instant, missing ones first, as MongoDB orders null and missing before dates. */
const instant = (d: Date | null | undefined) => (d ? d.getTime() : -Infinity);
/** ObjectIds in MongoDB's order (their bytes; the hex strings compare the same). */
const byId = (a: CachedSession, b: CachedSession) => {
  const x = String(a._id), y = String(b._id);
  return x < y ? -1 : x > y ? 1 : 0;
};

async function lists() {
  const rows = await cachedSessions.all();
  let out = derived.get(rows);
  if (!out) {
    const all = [...rows.values()];
    // Ties by id, so every page lists them the same way.
    const byStart = [...all].sort((a, b) => instant(a.firstStart) - instant(b.firstStart) || byId(a, b));
    derived.set(rows, (out = { all, byStart }));
  }
  return out;
}

/** Every session (the listing fields), earliest first start first (ties by id; none first). Do not modify. */
export async function sessionsByStart(): Promise<readonly CachedSession[]> {
  return (await lists()).byStart;
}

/** Sessions people can still ask to join: state open and first meeting after `now`, soonest first. */
export async function openSessionsAfter(now: Date): Promise<CachedSession[]> {
  const t = now.getTime();
  return (await lists()).byStart.filter((s) => s.state === 'open' && !!s.firstStart && s.firstStart.getTime() > t);
}
