import { trusted } from 'mongoose';
import { defineReadModel } from '../../platform/db/read-model';
import { Worker } from '../workers/worker.model';
import { Enrollment } from './enrollment.model';
import { TrainingSession } from './session.model';

/**
 * One enrolment as pages need it. Only the enrolment's own fields: session details (course, dates,
 * state) and worker names are read by `_id` where shown, so no write to a session or worker has to
 * refresh these documents. Ids are strings; every status is kept (cancelled too), so a document is
 * exactly "the enrolments of this key" and a test can compare it with the source.
 */
export interface EnrolmentEntry {
  id: string;
  session: string;
  worker: string;
  status: 'enrolled' | 'waitlisted' | 'cancelled';
  requestedBy: string;
  /** Place on the wait-list is by this time, then by id (see `waitlistOrder`). */
  waitlistedAt: Date | null;
  enrolledAt: Date | null;
  overrideReason: string;
  createdAt: Date | null;
}

export interface WorkerEnrolments {
  worker: string;
  enrolments: EnrolmentEntry[];
}

export interface SessionRoster {
  session: string;
  /** In wait-list order (`waitlistedAt`, then id); enrolled ones (no `waitlistedAt`) come first in id order. */
  enrolments: EnrolmentEntry[];
}

const FIELDS = { session: 1, worker: 1, status: 1, requestedBy: 1, waitlistedAt: 1, enrolledAt: 1, overrideReason: 1, createdAt: 1 } as const;
const isId = (k: string) => /^[a-f0-9]{24}$/i.test(k);

/** The order of the source's `.sort({ waitlistedAt: 1, _id: 1 })` (a missing time sorts first, as in MongoDB). */
export function waitlistOrder(a: EnrolmentEntry, b: EnrolmentEntry): number {
  const ta = a.waitlistedAt ? new Date(a.waitlistedAt).getTime() : -Infinity;
  const tb = b.waitlistedAt ? new Date(b.waitlistedAt).getTime() : -Infinity;
  return ta === tb ? a.id.localeCompare(b.id) : ta < tb ? -1 : 1;
}

/** 1-based place of `enrolmentId` among the roster's wait-listed enrolments, or null. */
export function waitlistPlace(roster: SessionRoster, enrolmentId: string): number | null {
  const i = roster.enrolments.filter((e) => e.status === 'waitlisted').findIndex((e) => e.id === enrolmentId);
  return i < 0 ? null : i + 1;
}

/** Reads the enrolments whose `field` is one of `keys`: one scan on FerretDB, whatever the number of keys. */
async function entriesBy(field: 'worker' | 'session', keys: readonly string[] | 'all'): Promise<EnrolmentEntry[]> {
  const filter = keys === 'all' ? {} : { [field]: trusted({ $in: keys.filter(isId) }) };
  const rows = await Enrollment.find(filter, FIELDS).lean();
  return rows.map((e) => ({
    id: String(e._id),
    session: String(e.session),
    worker: String(e.worker),
    status: e.status,
    requestedBy: e.requestedBy,
    waitlistedAt: e.waitlistedAt ?? null,
    enrolledAt: e.enrolledAt ?? null,
    overrideReason: e.overrideReason ?? '',
    createdAt: (e as { createdAt?: Date }).createdAt ?? null,
  }));
}

function group<T extends { enrolments: EnrolmentEntry[] }>(keys: readonly string[], entries: EnrolmentEntry[], by: 'worker' | 'session', make: (k: string) => T) {
  const out = new Map<string, T>(keys.map((k) => [k, make(k)]));
  for (const e of entries) out.get(e[by])?.enrolments.push(e);
  for (const doc of out.values()) doc.enrolments.sort(waitlistOrder);
  return out;
}

/**
 * `worker-enrolments:<workerId>`: every enrolment of one worker. Read by the worker's own pages
 * (schedule, home, open sessions, check-in by code, prerequisites, overlap checks) instead of
 * `Enrollment.find({ worker })`, a full scan on FerretDB. Kept right by `enrolmentsChanged`.
 */
export const workerEnrolments = defineReadModel<WorkerEnrolments>({
  name: 'worker-enrolments',
  version: 1,
  empty: (worker) => ({ worker, enrolments: [] }),
  build: async (keys) => group(keys, await entriesBy('worker', keys), 'worker', (worker) => ({ worker, enrolments: [] })),
  // Every worker gets a document, also those without enrolments, so no page view builds one.
  async buildAll() {
    const [workers, entries] = await Promise.all([Worker.find({}, { _id: 1 }).lean(), entriesBy('worker', 'all')]);
    return group(workers.map((w) => String(w._id)), entries, 'worker', (worker) => ({ worker, enrolments: [] }));
  },
});

/**
 * `session-roster:<sessionId>`: every enrolment of one session in wait-list order. Read by the
 * session pages (detail, attendance, assessments, lists' wait-list counts) instead of
 * `Enrollment.find({ session })`. Kept right by `enrolmentsChanged`. Never the judge of capacity:
 * seats (unique inserts) decide that.
 */
export const sessionRoster = defineReadModel<SessionRoster>({
  name: 'session-roster',
  version: 1,
  empty: (session) => ({ session, enrolments: [] }),
  build: async (keys) => group(keys, await entriesBy('session', keys), 'session', (session) => ({ session, enrolments: [] })),
  async buildAll() {
    const [sessions, entries] = await Promise.all([TrainingSession.find({}, { _id: 1 }).lean(), entriesBy('session', 'all')]);
    return group(sessions.map((x) => String(x._id)), entries, 'session', (session) => ({ session, enrolments: [] }));
  },
});
