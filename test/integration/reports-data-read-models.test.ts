import { expect } from 'chai';
import { Types, trusted } from 'mongoose';
import { Attendance, attendanceChanged } from '../../src/modules/attendance';
import { Certificate } from '../../src/modules/certificates';
import { Meeting, TrainingSession, meetingsChanged } from '../../src/modules/scheduling';
import { Worker } from '../../src/modules/workers';
import { buildReport, resolvePeriod, scopesOf, type ReportData } from '../../src/modules/reports';
import { loadReportData, loadReportDataFromSource } from '../../src/modules/reports/reports.data';
import { createSession, enroll } from '../support/attendance-factories';
import { createCertificate, createScheme } from '../support/certificates-factories';
import { at, createProfile, createUnit, createWorker, recordAssessment } from '../support/competencies-factories';
import { logUse } from '../support/continuity-factories';
import { createWorkshop } from '../support/factories';
import { REPORT_NOW, reportClock } from '../support/reports-factories';

const DAY_MS = 86_400_000;
type Id = Types.ObjectId;

/*
 * The custom-period report's loader (`loadReportData`: process copies and read models by `_id`)
 * gives exactly the `ReportData` of the source loader (filters on every source collection), on
 * data that exercises every filter the source applies: archived workshops, inactive workers,
 * sessions inside, before, straddling and after the period (and the year of recency before it),
 * cancelled sessions and meetings, every enrolment status, every attendance status, assessments
 * and log entries after the period, revoked and renewed certificates.
 *
 * Ordering: the figures do not depend on the order of sessions, meetings, enrolments or attendance
 * records (they are keyed, summed or counted — metrics.ts), so those are compared sorted; events
 * must come sorted by `compareEvents` from both; workshops, workers, certificates and evidence are
 * compared as they come (a few lists break ties by that order).
 */
const key = (...xs: unknown[]) => xs.map((x) => (x instanceof Date ? x.toISOString() : String(x))).join('|');
function normalised(d: ReportData) {
  const by = <T>(f: (x: T) => string) => (a: T, b: T) => (f(a) < f(b) ? -1 : f(a) > f(b) ? 1 : 0);
  return {
    ...d,
    sessions: [...d.sessions].sort(by((s) => s.id)),
    meetings: [...d.meetings].sort(by((m) => m.id)),
    enrollments: [...d.enrollments].sort(by((e) => key(e.sessionId, e.workerId))),
    attendance: [...d.attendance].sort(by((r) => key(r.meetingId, r.workerId, r.status))),
  };
}

async function cancelMeeting(meeting: { _id: Id; session: Id; start: Date }) {
  await Meeting.updateOne({ _id: meeting._id }, { $set: { cancelled: true } });
  await meetingsChanged({ sessions: [meeting.session], starts: [meeting.start] });
}

async function mark(session: { _id: Id }, meeting: { _id: Id }, worker: { _id: Id }, status: 'present' | 'late' | 'excused' | 'absent') {
  await Attendance.create({ meeting: meeting._id, session: session._id, worker: worker._id, status, via: 'manual' });
}

/** Varied data around 2026-01-01 … 2026-05-31 (now: 15 June 2026). */
async function variedData(clock: ReturnType<typeof reportClock>) {
  const alfa = await createWorkshop({ name: 'Alfa Logam' });
  const beta = await createWorkshop({ name: 'Beta Baja', legalForm: 'PT' });
  const gamma = await createWorkshop({ name: 'Gamma Lama', archived: true });
  const u1 = await createUnit({ trade: 'welding' });
  const u2 = await createUnit({ trade: 'welding' });
  await createProfile({ position: 'Juru las SMAW 3G', requirements: [{ unit: u1._id, level: 3 }, { unit: u2._id, level: 2 }], coreScheme: 'Skema Las Alfa' });
  await createProfile({ position: 'Operator cor', trade: 'casting', requirements: [{ unit: u2._id, level: 1 }], coreScheme: '' });
  const w1 = await createWorker({ name: 'Sutarno', workshop: alfa._id });
  const w2 = await createWorker({ name: 'Budi', workshop: alfa._id, trades: ['welding', 'casting'] });
  const w3 = await createWorker({ name: 'Rahmat', workshop: beta._id, position: 'Operator cor', trades: ['casting'] });
  const w4 = await createWorker({ name: 'Joko', workshop: beta._id });
  const gone = await createWorker({ name: 'Tidak Aktif', workshop: alfa._id, active: false });
  // Active, in an archived workshop.
  const noShop = await createWorker({ name: 'Di Bengkel Arsip', workshop: gamma._id });

  const hours = (d: string, t = '08:00') => at(d, t);
  // Inside the period, one meeting cancelled.
  const inside = await createSession({ starts: [hours('2026-02-02'), hours('2026-02-03'), hours('2026-02-04')] });
  // Straddling the period's start.
  const straddle = await createSession({ starts: [hours('2025-12-29'), hours('2026-01-05')] });
  // In the year of recency before the period (in the window), and long before it (outside).
  const before = await createSession({ starts: [hours('2025-06-10'), hours('2025-06-11')] });
  const old = await createSession({ starts: [hours('2023-03-01')] });
  // After the period (and after now), and a cancelled one inside.
  const after = await createSession({ starts: [hours('2026-07-01')] });
  const cancelled = await createSession({ starts: [hours('2026-03-10'), hours('2026-03-11')] });
  await TrainingSession.updateOne({ _id: cancelled.session._id }, { $set: { state: 'cancelled' } });
  // Straddling the period's end and now.
  const end = await createSession({ starts: [hours('2026-05-30'), hours('2026-06-20')] });
  await cancelMeeting(inside.meetings[1]!);
  await cancelMeeting(before.meetings[0]!);

  const sessions = [inside, straddle, before, old, after, cancelled, end];
  const enrolments = new Map<string, { _id: Id; session: Id; worker: Id }>();
  for (const s of sessions) {
    for (const [w, status] of [[w1, 'enrolled'], [w2, 'enrolled'], [w3, 'waitlisted'], [w4, 'cancelled'], [gone, 'enrolled'], [noShop, 'enrolled']] as const) {
      const e = await enroll(s.session, w, status);
      enrolments.set(key(s.session._id, w._id), { _id: e._id, session: s.session._id, worker: w._id });
    }
  }
  const statuses = ['present', 'late', 'excused', 'absent'] as const;
  let i = 0;
  for (const s of sessions) {
    for (const m of s.meetings) {
      // Records also for a wait-listed and a cancelled enrolment (a register may hold them).
      for (const w of [w1, w2, w3, w4, gone, noShop]) if ((i++ % 5) !== 4) await mark(s.session, m, w, statuses[i % 4]!);
    }
    await attendanceChanged({ sessions: [s.session._id] });
  }

  // Assessments: before, inside and after the period; of an inactive worker too.
  const course = inside.course._id;
  const assess = async (s: { session: { _id: Id } }, w: { _id: Id }, kind: 'pre' | 'post', unit: Id, level: number, when: Date) =>
    recordAssessment({ kind, enrollment: enrolments.get(key(s.session._id, w._id))!, course, unit, level, assessedAt: when });
  await assess(before, w1, 'pre', u1._id, 1, hours('2025-06-10', '09:00'));
  await assess(before, w1, 'post', u1._id, 2, hours('2025-06-11', '15:00'));
  await assess(inside, w1, 'pre', u1._id, 2, hours('2026-02-02', '09:00'));
  await assess(inside, w1, 'post', u1._id, 3, hours('2026-02-04', '15:00'));
  await assess(inside, w2, 'pre', u2._id, 1, hours('2026-02-02', '09:00'));
  await assess(inside, w2, 'post', u2._id, 2, hours('2026-02-02', '09:00'));
  await assess(inside, gone, 'pre', u1._id, 0, hours('2026-02-02', '09:00'));
  await assess(inside, gone, 'post', u1._id, 3, hours('2026-02-04', '15:00'));
  await assess(end, w1, 'pre', u2._id, 1, hours('2026-05-30', '09:00'));
  await assess(end, w1, 'post', u2._id, 3, hours('2026-06-20', '15:00'));
  await assess(old, w4, 'pre', u1._id, 1, hours('2023-03-01', '09:00'));

  // Certificates: valid, revoked (inside the period and after it), renewed, continuity; of an inactive worker.
  const scheme = await createScheme({ name: 'Skema Las Alfa' });
  const cont = await createScheme({ name: 'Skema Las Kontinuitas', validity: { kind: 'continuity', process: 'SMAW' } });
  const c1 = await createCertificate(clock, { worker: w1, scheme, issueDate: '2023-06-15' });
  const c1b = await createCertificate(clock, { worker: w1, scheme, issueDate: '2026-04-01' });
  await Certificate.updateOne({ _id: c1.id }, { $set: { renewedBy: new Types.ObjectId(c1b.id) } });
  await Certificate.updateOne({ _id: c1b.id }, { $set: { renews: new Types.ObjectId(c1.id) } });
  const c2 = await createCertificate(clock, { worker: w2, scheme, issueDate: '2024-01-10' });
  await Certificate.updateOne({ _id: c2.id }, { $set: { revokedAt: at('2026-03-01'), revocationReason: 'uji' } });
  const c3 = await createCertificate(clock, { worker: w4, scheme, issueDate: '2025-02-01' });
  await Certificate.updateOne({ _id: c3.id }, { $set: { revokedAt: at('2026-06-10'), revocationReason: 'uji' } });
  await createCertificate(clock, { worker: w1, scheme: cont, issueDate: '2025-01-05', validity: { kind: 'continuity', process: 'SMAW' } });
  await createCertificate(clock, { worker: w4, scheme: cont, issueDate: '2025-08-05', validity: { kind: 'continuity', process: 'SMAW' } });
  await createCertificate(clock, { worker: gone, scheme, issueDate: '2022-05-05' });

  // Continuity log: uses before, inside and after the period; of an inactive worker.
  await logUse(w1._id, 'SMAW', '2025-03-01');
  await logUse(w1._id, 'SMAW', '2026-02-01');
  await logUse(w1._id, 'GMAW', '2025-12-01', { kind: 'test_weld' });
  await logUse(w4._id, 'SMAW', '2026-06-05');
  await logUse(w4._id, 'FCAW', '2025-01-20');
  await logUse(gone._id, 'SMAW', '2026-01-15');
  return { alfa, beta };
}

describe('reports: the custom-period loader reads read models and process copies', () => {
  it('gives the same ReportData (and so the same figures) as the source loader', async function () {
    this.timeout(120_000);
    const clock = reportClock();
    await variedData(clock);
    const now = new Date(REPORT_NOW.getTime() + DAY_MS);
    const periods = [
      resolvePeriod(now, '12m', { from: '2026-01-01', to: '2026-05-31' }),
      resolvePeriod(now, '12m', { from: '2026-02-03', to: '2026-06-30' }),
      resolvePeriod(now, '3m'),
      resolvePeriod(now, '12m', { from: '2023-01-01', to: '2025-12-31' }),
    ];
    for (const period of periods) {
      const source = await loadReportDataFromSource(period, now);
      const mine = await loadReportData(period, now);
      const label = `${period.fromDate}…${period.toDate}`;
      // The data is varied enough to mean something.
      if (period.fromDate === '2026-01-01') {
        expect(source.sessions.length, label).to.equal(5);
        expect(source.meetings.some((m) => m.cancelled), label).to.equal(true);
        expect(source.sessions.some((s) => s.cancelled), label).to.equal(true);
        expect(source.events.length, label).to.be.greaterThan(5);
        expect(source.certificates.some((c) => c.renewed) && source.certificates.some((c) => c.revokedAt), label).to.equal(true);
      }
      expect(normalised(mine), label).to.deep.equal(normalised(source));
      // Events sorted the one way (the pairing of pre and post depends on it).
      expect(mine.events.map((e) => e.id), label).to.deep.equal(source.events.map((e) => e.id));
      for (const scope of scopesOf(source)) {
        expect(buildReport(mine, scope), `${label} ${JSON.stringify(scope)}`).to.deep.equal(buildReport(source, scope));
      }
    }
  });

  it('follows writes: a cancelled meeting, a new record and a deactivated worker show at once', async function () {
    this.timeout(60_000);
    const clock = reportClock();
    await variedData(clock);
    const period = resolvePeriod(REPORT_NOW, '12m', { from: '2026-01-01', to: '2026-05-31' });
    await loadReportData(period, REPORT_NOW); // the copies are loaded
    const meeting = await Meeting.findOne({ cancelled: trusted({ $ne: true }), start: trusted({ $gte: period.from, $lt: period.to }) }).lean();
    await cancelMeeting(meeting!);
    await Worker.updateOne({ name: 'Budi' }, { $set: { active: false } });
    const w1 = await Worker.findOne({ name: 'Sutarno' }).lean();
    await Attendance.deleteOne({ meeting: meeting!._id, worker: w1!._id });
    await mark({ _id: meeting!.session }, meeting!, w1!, 'late');
    await attendanceChanged({ sessions: [meeting!.session] });
    const mine = await loadReportData(period, REPORT_NOW);
    expect(mine.meetings.find((m) => m.id === String(meeting!._id))!.cancelled).to.equal(true);
    expect(mine.workers.map((w) => w.name)).to.not.include('Budi');
    expect(normalised(mine)).to.deep.equal(normalised(await loadReportDataFromSource(period, REPORT_NOW)));
  });
});
