import { defineReadModel } from '../../platform/db/read-model';
import { Assessment } from './assessment.model';
import { sessionAssessments } from './session-assessments.read-model';

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
 * Built from the class's `session-assessments` document (one point read per class; the smaller
 * document here keeps the home's ten classes cheap). Kept right by `assessmentsChanged`
 * (assessment-changes.ts), which refreshes `session-assessments` first.
 */
export const sessionPosts = defineReadModel<SessionPosts>({
  name: 'session-posts',
  version: 1,
  empty: (session) => ({ session, posts: [] }),
  async build(keys) {
    const docs = await sessionAssessments.getMany(keys);
    return group(keys, [...docs.values()].flatMap((d) => d.assessments.filter((a) => a.kind === 'post').map((a) => ({ sessionId: d.session, workerId: a.worker, unitId: a.unit }))));
  },
  async buildAll() {
    const rows = await Assessment.find({ kind: 'post' }, { session: 1, worker: 1, unit: 1 }).lean();
    const flat = rows.map((r) => ({ sessionId: String(r.session), workerId: String(r.worker), unitId: String(r.unit) }));
    return group([...new Set(flat.map((r) => r.sessionId))], flat);
  },
});
