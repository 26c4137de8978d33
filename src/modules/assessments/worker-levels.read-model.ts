import { Types, trusted } from 'mongoose';
import { defineReadModel } from '../../platform/db/read-model';
import { Worker } from '../workers';
import { Assessment } from './assessment.model';

/**
 * One assessed level as pages need it (the shape of the competencies module's `LevelEvent`): the
 * assessment's own fields only, ids as strings, so writes to workers, sessions or units never have
 * to refresh these documents.
 */
export interface AssessedLevel {
  id: string;
  workerId: string;
  unitId: string;
  level: number;
  kind: 'pre' | 'post';
  assessedAt: Date;
  sessionId: string;
  courseId: string;
  enrollmentId: string;
}

export interface WorkerLevels {
  worker: string;
  /** Every assessment of the worker, oldest first (by `assessedAt`, pre before post, then id). */
  events: AssessedLevel[];
}

const PROJECTION = { worker: 1, unit: 1, level: 1, kind: 1, assessedAt: 1, session: 1, course: 1, enrollment: 1 } as const;
const isId = (k: string) => /^[a-f0-9]{24}$/i.test(k);

type LeanAssessment = {
  _id: unknown; worker: unknown; unit: unknown; level: number; kind: string; assessedAt: Date; session: unknown; course: unknown; enrollment: unknown;
};

/** The order of the competencies module's `compareEvents`: oldest first, pre before post on the same instant, then id. */
export function levelOrder(a: AssessedLevel, b: AssessedLevel): number {
  return new Date(a.assessedAt).getTime() - new Date(b.assessedAt).getTime() || (a.kind === b.kind ? 0 : a.kind === 'pre' ? -1 : 1) || a.id.localeCompare(b.id);
}

export function toAssessedLevel(a: LeanAssessment): AssessedLevel {
  return {
    id: String(a._id),
    workerId: String(a.worker),
    unitId: String(a.unit),
    level: a.level,
    kind: a.kind === 'post' ? 'post' : 'pre',
    assessedAt: a.assessedAt,
    sessionId: String(a.session),
    courseId: String(a.course),
    enrollmentId: String(a.enrollment),
  };
}

/** The assessments of `workers` (or all): one scan on FerretDB, whatever the number of workers. */
async function levelsOf(workers: readonly string[] | 'all'): Promise<AssessedLevel[]> {
  const filter = workers === 'all' ? {} : { worker: trusted({ $in: workers.filter(isId).map((w) => new Types.ObjectId(w)) }) };
  return assessedLevels(filter);
}

/** The assessments matching `filter` as levels (unsorted): the one projection and mapping of assessments to levels. */
export async function assessedLevels(filter: Record<string, unknown>): Promise<AssessedLevel[]> {
  const rows = (await Assessment.find(filter, PROJECTION).lean()) as LeanAssessment[];
  return rows.map(toAssessedLevel);
}

function group(keys: readonly string[], events: AssessedLevel[]): Map<string, WorkerLevels> {
  const out = new Map<string, WorkerLevels>(keys.map((k) => [k, { worker: k, events: [] }]));
  for (const e of events) out.get(e.workerId)?.events.push(e);
  for (const doc of out.values()) doc.events.sort(levelOrder);
  return out;
}

/**
 * `worker-levels:<workerId>`: every assessment of one worker (a few dozen at most). Read by
 * `currentLevels(workerIds)` and `levelHistory(workerId)` (competencies: the skills matrix page by
 * page, "My skills", the worker's home) instead of `Assessment.find({ worker })`, which on FerretDB
 * decodes every assessment. Kept right by `assessmentsChanged`.
 */
export const workerLevels = defineReadModel<WorkerLevels>({
  name: 'worker-levels',
  version: 1,
  empty: (worker) => ({ worker, events: [] }),
  build: async (keys) => group(keys, await levelsOf(keys)),
  // Every worker gets a document, also those never assessed, so no page view builds one.
  async buildAll() {
    const [workers, events] = await Promise.all([Worker.find({}, { _id: 1 }).lean(), levelsOf('all')]);
    return group(workers.map((w) => String(w._id)), events);
  },
});
