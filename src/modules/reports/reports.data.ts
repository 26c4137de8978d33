import { trusted } from 'mongoose';
import { Assessment, workerLevels, type WorkerLevels } from '../assessments';
import { Attendance, sessionAttendance, type SessionAttendanceRecords } from '../attendance';
import { Course, cachedCourses } from '../catalogue';
import { Certificate, CertificationScheme } from '../certificates';
import { compareEvents, profilesByPosition, type LevelEvent } from '../competencies';
import { ContinuityEntry } from '../continuity';
import { Enrollment, Meeting, TrainingSession, cachedSessions, sessionMeetings, sessionRoster } from '../scheduling';
import { Worker, cachedWorkers } from '../workers';
import { Workshop, cachedWorkshops, displayName } from '../workshops';
import type { ReadModel } from '../../platform/db/read-model';
import type { SessionRoster } from '../scheduling/enrolment-read-models';
import type { SessionMeetings } from '../scheduling/meeting-read-models';
import { RECENCY_DAYS, type RAttendance, type RCertificate, type REvidence, type ReportData } from './metrics';
import { previousPeriod, type Period } from './period';
import { CERTIFICATE_FIELDS, LOG_FIELDS, reportCertificates, reportContinuityLog, type ReportCertificateRow, type ReportLogRow } from './report-sources.cache';

const DAY_MS = 86_400_000;
type Id = { toString(): string };
type Ref = Id | null | undefined;

/**
 * The rows both loaders fetch, shaped like the source's lean, projected queries (ids as ObjectIds or
 * strings): `assemble` turns them into `ReportData` the one way, so the loaders differ only in
 * where the rows come from.
 */
interface Rows {
  workshops: readonly { _id: Id; name: string; legalForm: string }[];
  workers: readonly { _id: Id; name: string; workshop?: Ref; trades?: readonly string[] | null; position?: string | null }[];
  profiles: ReportData['profiles'];
  courses: readonly { _id: Id; code: string; title?: { id?: string | null; en?: string | null } | null; trade: string; minAttendancePct?: number | null }[];
  sessions: readonly { _id: Id; course?: Ref; state?: string | null }[];
  meetings: readonly { _id: Id; session?: Ref; start: Date; end: Date; cancelled?: boolean | null }[];
  enrollments: readonly { session?: Ref; worker?: Ref }[];
  attendance: readonly { meeting?: Ref; worker?: Ref; status: RAttendance['status'] }[];
  /** Sorted by `compareEvents` in `assemble`. */
  events: LevelEvent[];
  certificates: readonly ReportCertificateRow[];
  entries: readonly ReportLogRow[];
  schemes: readonly { _id: Id; name: string }[];
}

/**
 * Training from a year before the period's start: the index's recency as of the end of the period
 * before (the index's change) looks back a year from there; the period itself starts later.
 */
function windowStartOf(period: Period): Date {
  return new Date(Math.min(period.from.getTime(), previousPeriod(period).asOf.getTime()) - RECENCY_DAYS * DAY_MS);
}

/**
 * What the figures are computed from, from the source collections: lean, projected queries, joined
 * with `$in` in TypeScript (FerretDB has no $lookup). Every workshop is loaded, because the
 * competitiveness index ranks them all; a manager's page hides the other names, not the arithmetic.
 * On FerretDB every one of these filters decodes its whole collection (345,000 documents, 36 s at
 * `--scale full`). Used by the report snapshots builder (its freshness watches exactly these
 * collections) and by the test that holds `loadReportData` to it.
 */
export async function loadReportDataFromSource(period: Period, now: Date): Promise<ReportData> {
  const windowStart = windowStartOf(period);
  const [workshops, workers, profiles, courses, sessions, assessments, certificates, entries, schemes] = await Promise.all([
    Workshop.find({ archived: trusted({ $ne: true }) }, { name: 1, legalForm: 1 }).lean(),
    Worker.find({ active: true }, { name: 1, workshop: 1, trades: 1, position: 1 }).lean(),
    profilesByPosition(),
    Course.find({}, { code: 1, title: 1, trade: 1, minAttendancePct: 1 }).lean(),
    TrainingSession.find({ lastEnd: trusted({ $gte: windowStart }), firstStart: trusted({ $lt: period.to }) }, { course: 1, state: 1 }).lean(),
    Assessment.find({ assessedAt: trusted({ $lt: period.to }) }, { worker: 1, unit: 1, level: 1, kind: 1, assessedAt: 1, session: 1, course: 1, enrollment: 1 }).lean(),
    Certificate.find({}, CERTIFICATE_FIELDS).lean(),
    ContinuityEntry.find({ date: trusted({ $lt: period.to }) }, LOG_FIELDS).lean(),
    CertificationScheme.find({}, { name: 1 }).lean(),
  ]);
  const sessionIds = sessions.map((s) => s._id);
  const [meetings, enrollments, attendance] = sessionIds.length
    ? await Promise.all([
        Meeting.find({ session: trusted({ $in: sessionIds }) }, { session: 1, start: 1, end: 1, cancelled: 1 }).lean(),
        Enrollment.find({ session: trusted({ $in: sessionIds }), status: 'enrolled' }, { session: 1, worker: 1 }).lean(),
        Attendance.find({ session: trusted({ $in: sessionIds }) }, { meeting: 1, worker: 1, status: 1 }).lean(),
      ])
    : [[], [], []];
  const events: LevelEvent[] = assessments.map((a) => ({
    id: String(a._id),
    workerId: String(a.worker),
    unitId: String(a.unit),
    level: a.level,
    kind: a.kind === 'post' ? 'post' : 'pre',
    assessedAt: a.assessedAt,
    sessionId: String(a.session),
    courseId: String(a.course),
    enrollmentId: String(a.enrollment),
  }));
  return assemble(period, now, { workshops, workers, profiles, courses, sessions, meetings, enrollments, attendance, events, certificates, entries, schemes });
}

/** Point reads in flight at most (each key one `_id` read): thousands of keys never go out at once. */
const IN_FLIGHT = 200;
/** Keys per `getMany` (a missing document among them is built in one refresh of the chunk). */
const CHUNK = 50;

/**
 * The documents of each `[model, keys]`, in key order: chunks of CHUNK keys, IN_FLIGHT / CHUNK
 * chunks at a time across all the models (a slow chunk holds back only its own lane).
 */
async function readAll(jobs: readonly [ReadModel<unknown>, readonly string[]][]): Promise<unknown[][]> {
  const out = jobs.map(([, keys]) => new Array<unknown>(keys.length));
  const chunks: { job: number; from: number }[] = [];
  jobs.forEach(([, keys], job) => {
    for (let from = 0; from < keys.length; from += CHUNK) chunks.push({ job, from });
  });
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const { job, from } = chunks[next++]!;
      const [model, keys] = jobs[job]!;
      const chunk = keys.slice(from, from + CHUNK);
      const docs = await model.getMany(chunk);
      chunk.forEach((k, i) => (out[job]![from + i] = docs.get(k)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(IN_FLIGHT / CHUNK)) }, lane));
  return out;
}

/**
 * The same `ReportData` as `loadReportDataFromSource`, from what the app keeps cheap to read (see
 * README, "Custom period, computed on read"): no filter on a source collection. The small, rarely written
 * collections come from the process copies (collection-cache: workshops, workers, courses, sessions,
 * certificates, the continuity log); assessments from `worker-levels:<worker>` of every worker; the
 * meetings, enrolments and attendance of the window's sessions from their `session-meetings`,
 * `session-roster` and `session-attendance` documents, read by `_id`. Job profiles and certification
 * schemes (tens of documents) are read as before.
 */
export async function loadReportData(period: Period, now: Date): Promise<ReportData> {
  const windowStart = windowStartOf(period).getTime();
  const to = period.to.getTime();
  const [shops, people, profiles, catalogue, allSessions, certificates, log, schemes] = await Promise.all([
    cachedWorkshops.all(),
    cachedWorkers.all(),
    profilesByPosition(),
    cachedCourses.all(),
    cachedSessions.all(),
    reportCertificates.all(),
    reportContinuityLog.all(),
    CertificationScheme.find({}, { name: 1 }).lean(),
  ]);
  // The source's filters, in memory. A comparison with a date matches only a date (as in MongoDB).
  const before = (d: Date | null | undefined, t: number) => d instanceof Date && d.getTime() < t;
  const sessions = [...allSessions.values()].filter((s) => s.lastEnd instanceof Date && s.lastEnd.getTime() >= windowStart && before(s.firstStart, to));
  const sessionIds = sessions.map((s) => String(s._id));
  // Every worker's assessments, also of inactive workers (the source reads every assessment).
  const workerIds = [...people.keys()];
  const [levels, rosters, meetingDocs, records] = (await readAll([
    [workerLevels, workerIds],
    [sessionRoster, sessionIds],
    [sessionMeetings, sessionIds],
    [sessionAttendance, sessionIds],
  ] as [ReadModel<unknown>, string[]][])) as [WorkerLevels[], SessionRoster[], SessionMeetings[], SessionAttendanceRecords[]];

  const events: LevelEvent[] = [];
  for (const doc of levels) {
    for (const e of doc.events) {
      if (!before(e.assessedAt, to)) continue;
      const { id, workerId, unitId, level, kind, assessedAt, sessionId, courseId, enrollmentId } = e;
      events.push({ id, workerId, unitId, level, kind, assessedAt, sessionId, courseId, enrollmentId });
    }
  }
  return assemble(period, now, {
    workshops: [...shops.values()].filter((w) => w.archived !== true),
    workers: [...people.values()].filter((w) => w.active === true),
    profiles,
    courses: [...catalogue.values()],
    sessions,
    meetings: meetingDocs.flatMap((d) => d.meetings.map((m) => ({ _id: m.id, session: m.session, start: m.start, end: m.end, cancelled: m.cancelled }))),
    // The roster keeps every status; the report counts the enrolled.
    enrollments: rosters.flatMap((d) => d.enrolments.filter((e) => e.status === 'enrolled').map((e) => ({ session: e.session, worker: e.worker }))),
    attendance: records.flatMap((d) => d.records.map((r) => ({ meeting: r.meeting, worker: r.worker, status: r.status }))),
    events,
    certificates: [...certificates.values()],
    entries: [...log.values()].filter((e) => before(e.date, to)),
    schemes,
  });
}

function assemble(period: Period, now: Date, rows: Rows): ReportData {
  const evidence = new Map<string, REvidence[]>();
  for (const e of rows.entries) {
    const key = String(e.worker);
    const list = evidence.get(key);
    const item = { process: e.process, date: e.date, kind: e.kind };
    if (list) list.push(item);
    else evidence.set(key, [item]);
  }
  const events = rows.events;
  events.sort(compareEvents);
  const s = (v: Ref) => (v == null ? '' : String(v));
  return {
    now,
    period,
    workshops: rows.workshops.map((w) => ({ id: String(w._id), name: displayName(w) })),
    workers: rows.workers.map((w) => ({ id: String(w._id), name: w.name, workshopId: s(w.workshop), trades: [...(w.trades ?? [])], position: w.position ?? '' })),
    profiles: rows.profiles,
    courses: new Map(
      rows.courses.map((c) => [String(c._id), { id: String(c._id), code: c.code, title: { id: c.title?.id ?? '', en: c.title?.en ?? '' }, trade: c.trade, minAttendancePct: c.minAttendancePct ?? 80 }]),
    ),
    sessions: rows.sessions.map((x) => ({ id: String(x._id), courseId: s(x.course), cancelled: x.state === 'cancelled' })),
    meetings: rows.meetings.map((m) => ({ id: String(m._id), sessionId: s(m.session), start: m.start, end: m.end, cancelled: m.cancelled === true })),
    enrollments: rows.enrollments.map((e) => ({ sessionId: s(e.session), workerId: s(e.worker) })),
    attendance: rows.attendance.map((r) => ({ meetingId: s(r.meeting), workerId: s(r.worker), status: r.status })),
    events,
    certificates: rows.certificates.map(
      (c): RCertificate => ({
        id: String(c._id),
        workerId: s(c.worker),
        schemeId: s(c.scheme),
        holderName: c.holderName,
        schemeName: c.schemeName,
        number: c.number,
        verifyCode: c.verifyCode,
        trade: c.trade,
        kkniLevel: c.kkniLevel,
        issuingBody: c.issuingBody?.name ?? '',
        issueDate: c.issueDate,
        validity: { kind: c.validity?.kind ?? 'indefinite', years: c.validity?.years ?? null, process: c.validity?.process ?? null },
        revokedAt: c.revokedAt ?? null,
        renewed: !!c.renewedBy,
      }),
    ),
    evidence,
    schemes: new Map(rows.schemes.map((x) => [String(x._id), x.name])),
  };
}
