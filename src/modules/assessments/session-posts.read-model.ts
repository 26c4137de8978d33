import { defineReadModel } from '../../platform/db/read-model';
import { sessionRoster } from '../scheduling';
import { Assessment } from './assessment.model';
import { workerLevels } from './worker-levels.read-model';

export interface SessionPosts {
  session: string;
  /** `<workerId>:<unitId>` of every post-training assessment recorded in the session. */
  posts: string[];
}

function group(keys: readonly string[], rows: Iterable<{ sessionId: string; workerId: string; unitId: string }>): Map<string, SessionPosts> {
  const sets = new Map(keys.map((k) => [k, new Set<string>()]));
  for (const r of rows) sets.get(r.sessionId)?.add(`${r.workerId}:${r.unitId}`);
  return new Map([...sets].map(([session, s]) => [session, { session, posts: [...s].sort() }]));
}

/**
 * `session-posts:<sessionId>`: which (worker, unit) pairs of a class have a post-training assessment.
 * The instructor's home counts, per recent class, the posts still to record; before, it read the
 * `worker-levels` document of every worker of those classes (~120 point reads of whole assessment
 * histories per page view at ci scale, p50 1.8 s under 4 connections).
 *
 * Built from the class's roster (everyone ever enrolled, whatever their status) and those workers'
 * `worker-levels` documents — point reads, never a filter on assessments, so a sheet save stays
 * cheap however many assessments are kept. Kept right by `assessmentsChanged` (assessment-changes.ts),
 * which refreshes `worker-levels` first.
 */
export const sessionPosts = defineReadModel<SessionPosts>({
  name: 'session-posts',
  version: 1,
  empty: (session) => ({ session, posts: [] }),
  async build(keys) {
    const rosters = await sessionRoster.getMany(keys);
    const workers = [...new Set([...rosters.values()].flatMap((r) => r.enrolments.map((e) => e.worker)))];
    const levels = await workerLevels.getMany(workers);
    const wanted = new Set(keys);
    return group(keys, [...levels.values()].flatMap((d) => d.events.filter((e) => e.kind === 'post' && wanted.has(e.sessionId))));
  },
  async buildAll() {
    const rows = await Assessment.find({ kind: 'post' }, { session: 1, worker: 1, unit: 1 }).lean();
    const flat = rows.map((r) => ({ sessionId: String(r.session), workerId: String(r.worker), unitId: String(r.unit) }));
    return group([...new Set(flat.map((r) => r.sessionId))], flat);
  },
});
