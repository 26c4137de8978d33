import { trusted } from 'mongoose';
import { Assessment } from '../assessments';
import { Attendance } from '../attendance';
import { Course } from '../catalogue';
import { Certificate, CertificationScheme } from '../certificates';
import { compareEvents, profilesByPosition, type LevelEvent } from '../competencies';
import { ContinuityEntry } from '../continuity';
import { Enrollment, Meeting, TrainingSession } from '../scheduling';
import { Worker } from '../workers';
import { Workshop, displayName } from '../workshops';
import { RECENCY_DAYS, type RCertificate, type REvidence, type ReportData } from './metrics';
import { previousPeriod, type Period } from './period';

const DAY_MS = 86_400_000;
type Id = { toString(): string };

/**
 * Loads what the figures are computed from: lean, projected queries, joined with `$in` in TypeScript
 * (FerretDB has no $lookup). Every workshop is loaded, because the competitiveness index ranks
 * them all; a manager's page hides the other names, not the arithmetic.
 */
export async function loadReportData(period: Period, now: Date): Promise<ReportData> {
  // Training from a year before the period's start: the index's recency as of the end of the period
  // before (the index's change) looks back a year from there; the period itself starts later.
  const windowStart = new Date(Math.min(period.from.getTime(), previousPeriod(period).asOf.getTime()) - RECENCY_DAYS * DAY_MS);
  const [workshops, workers, profiles, courses, sessions, assessments, certificates, entries, schemes] = await Promise.all([
    Workshop.find({ archived: trusted({ $ne: true }) }, { name: 1, legalForm: 1 }).lean(),
    Worker.find({ active: true }, { name: 1, workshop: 1, trades: 1, position: 1 }).lean(),
    profilesByPosition(),
    Course.find({}, { code: 1, title: 1, trade: 1, minAttendancePct: 1 }).lean(),
    TrainingSession.find({ lastEnd: trusted({ $gte: windowStart }), firstStart: trusted({ $lt: period.to }) }, { course: 1, state: 1 }).lean(),
    Assessment.find({ assessedAt: trusted({ $lt: period.to }) }, { worker: 1, unit: 1, level: 1, kind: 1, assessedAt: 1, session: 1, course: 1, enrollment: 1 }).lean(),
    Certificate.find({}, { worker: 1, scheme: 1, holderName: 1, schemeName: 1, number: 1, verifyCode: 1, trade: 1, kkniLevel: 1, issuingBody: 1, issueDate: 1, validity: 1, revokedAt: 1, renewedBy: 1 }).lean(),
    ContinuityEntry.find({ date: trusted({ $lt: period.to }) }, { worker: 1, process: 1, date: 1, kind: 1 }).lean(),
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

  const evidence = new Map<string, REvidence[]>();
  for (const e of entries) {
    const key = String(e.worker);
    const list = evidence.get(key);
    const item = { process: e.process, date: e.date, kind: e.kind };
    if (list) list.push(item);
    else evidence.set(key, [item]);
  }
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
  events.sort(compareEvents);
  const s = (v: Id | null | undefined) => (v == null ? '' : String(v));
  return {
    now,
    period,
    workshops: workshops.map((w) => ({ id: String(w._id), name: displayName(w) })),
    workers: workers.map((w) => ({ id: String(w._id), name: w.name, workshopId: s(w.workshop), trades: [...(w.trades ?? [])], position: w.position ?? '' })),
    profiles,
    courses: new Map(
      courses.map((c) => [String(c._id), { id: String(c._id), code: c.code, title: { id: c.title?.id ?? '', en: c.title?.en ?? '' }, trade: c.trade, minAttendancePct: c.minAttendancePct ?? 80 }]),
    ),
    sessions: sessions.map((x) => ({ id: String(x._id), courseId: s(x.course), cancelled: x.state === 'cancelled' })),
    meetings: meetings.map((m) => ({ id: String(m._id), sessionId: s(m.session), start: m.start, end: m.end, cancelled: m.cancelled === true })),
    enrollments: enrollments.map((e) => ({ sessionId: s(e.session), workerId: s(e.worker) })),
    attendance: attendance.map((r) => ({ meetingId: s(r.meeting), workerId: s(r.worker), status: r.status })),
    events,
    certificates: certificates.map(
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
    schemes: new Map(schemes.map((x) => [String(x._id), x.name])),
  };
}
