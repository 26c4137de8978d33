import { expect } from 'chai';
import { Types } from 'mongoose';
import { Attendance, attendanceChanged, attendanceSummary, type AttendanceStatus } from '../../src/modules/attendance';
import { Meeting, meetingsChanged } from '../../src/modules/scheduling';
import { ManualClock } from '../../src/platform/clock';
import { ValidationError } from '../../src/platform/errors';
import type { Actor } from '../../src/platform/actor';
import { buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { at, createCourse, createSession, createWorker, enroll } from '../support/attendance-factories';

const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
const STARTS = DAYS.map((d) => at(d, '08:00'));
const AFTER_ALL = at('2026-03-06', '12:00');

/** A 5-meeting course (08:00–12:00 WIB each day) with a 6th meeting, held in the past but cancelled. */
async function setup(minAttendancePct = 80) {
  const clock = new ManualClock(AFTER_ALL);
  const { services } = buildApp({ clock });
  const course = await createCourse({ minAttendancePct });
  const { session, meetings } = await createSession({ course, starts: [...STARTS, at('2026-03-05', '13:00')] });
  await Meeting.updateOne({ _id: meetings[5]!._id }, { $set: { cancelled: true } });
  await meetingsChanged({ sessions: [session._id] });
  const mark = async (worker: { _id: Types.ObjectId }, statuses: (AttendanceStatus | null)[]) => {
    for (const [i, status] of statuses.entries()) {
      if (status) await Attendance.create({ meeting: meetings[i]!._id, session: session._id, worker: worker._id, status, via: 'manual' });
    }
    await attendanceChanged({ sessions: [session._id] });
  };
  return { clock, services, session, meetings, mark };
}

describe('attendance rate and completion', () => {
  it('completes at exactly 80 % and not below; excused meetings leave the denominator; cancelled meetings are ignored', async () => {
    const { services, session, mark } = await setup();
    const exactly = await createWorker({ name: 'Agus' });
    const below = await createWorker({ name: 'Bagus' });
    const excused = await createWorker({ name: 'Citra' });
    for (const w of [exactly, below, excused]) await enroll(session, w);
    // The cancelled 6th meeting carries an absent that must not count.
    await mark(exactly, ['present', 'late', 'present', 'present', 'absent', 'absent']);
    await mark(below, ['present', 'absent', 'present', 'present', 'excused']);
    await mark(excused, ['present', 'excused', 'present', 'present', 'present']);

    const rows = await services.attendance.attendanceSummary(String(session._id));
    const by = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(by.Agus).to.include({ held: 5, attended: 4, excused: 0, absent: 1, ratePct: 80, finished: true, completed: true });
    expect(by.Bagus).to.include({ held: 5, attended: 3, excused: 1, absent: 1, ratePct: 75, completed: false });
    expect(by.Citra).to.include({ held: 5, attended: 4, excused: 1, absent: 0, ratePct: 100, completed: true });
  });

  it('follows the course rule: 100 % needs every counted meeting', async () => {
    const { services, session, mark } = await setup(100);
    const w = await createWorker();
    await enroll(session, w);
    await mark(w, ['present', 'present', 'present', 'present', 'late']);
    expect((await services.attendance.completionFor(String(session._id), String(w._id)))!.completed).to.equal(true);
    await Attendance.updateOne({ worker: w._id, status: 'late' }, { $set: { status: 'absent' } });
    await attendanceChanged({ sessions: [session._id] });
    expect((await services.attendance.completionFor(String(session._id), String(w._id)))!.completed).to.equal(false);
  });

  it('is not final before the last meeting has ended, and counts only meetings started', async () => {
    const { clock, services, session, mark } = await setup();
    const w = await createWorker();
    await enroll(session, w);
    await mark(w, ['present', 'present', 'present']);
    clock.set(at('2026-03-04', '09:00'));
    const row = await services.attendance.completionFor(String(session._id), String(w._id));
    expect(row).to.include({ held: 3, attended: 3, ratePct: 100, finished: false, completed: false });
    // The same through the function that takes the time explicitly.
    const [again] = await attendanceSummary(String(session._id), at('2026-03-06', '12:00'));
    expect(again).to.include({ held: 5, attended: 3, absent: 2, unrecorded: 2, completed: false, finished: true });
  });

  it('lists only enrolled workers: wait-listed and cancelled ones have no completion', async () => {
    const { services, session, mark } = await setup();
    const waiting = await createWorker();
    const gone = await createWorker();
    await enroll(session, waiting, 'waitlisted');
    await enroll(session, gone, 'cancelled');
    await mark(gone, ['present', 'present', 'present', 'present', 'present']);
    expect(await services.attendance.attendanceSummary(String(session._id))).to.deep.equal([]);
    expect(await services.attendance.completionFor(String(session._id), String(gone._id))).to.equal(null);
  });
});

describe('recording attendance by hand', () => {
  async function withCoordinator() {
    const ctx = await setup();
    const user = await createUser({ roles: ['coordinator'] });
    const actor: Actor = { id: user.id, roles: ['coordinator'] };
    return { ...ctx, actor };
  }

  it('creates, then updates, one record per worker, and leaves unchanged QR records alone', async () => {
    const { services, session, meetings, actor } = await withCoordinator();
    const [a, b] = [await createWorker(), await createWorker()];
    await enroll(session, a);
    await enroll(session, b);
    const meetingId = String(meetings[0]!._id);
    await Attendance.create({ meeting: meetings[0]!._id, session: session._id, worker: b._id, status: 'present', via: 'qr' });
    await attendanceChanged({ sessions: [session._id] });

    const changed = await services.attendance.register.recordAttendance(actor, meetingId, { [String(a._id)]: 'late', [String(b._id)]: 'present' });
    expect(changed).to.equal(1);
    expect(await Attendance.findOne({ worker: b._id }).lean()).to.include({ via: 'qr', status: 'present' });
    const saved = await Attendance.findOne({ worker: a._id }).lean();
    expect(saved).to.include({ status: 'late', via: 'manual' });
    expect(String(saved!.recordedBy)).to.equal(actor.id);

    await services.attendance.register.recordAttendance(actor, meetingId, { [String(a._id)]: 'excused' });
    expect(await Attendance.countDocuments({ worker: a._id })).to.equal(1);
    expect((await Attendance.findOne({ worker: a._id }).lean())!.status).to.equal('excused');
  });

  it('writes one record when the same form is saved twice at once', async () => {
    const { services, session, meetings, actor } = await withCoordinator();
    const w = await createWorker();
    await enroll(session, w);
    const save = () => services.attendance.register.recordAttendance(actor, String(meetings[0]!._id), { [String(w._id)]: 'present' });
    await Promise.all([save(), save(), save()]);
    expect(await Attendance.countDocuments({ worker: w._id })).to.equal(1);
  });

  it('refuses a worker not enrolled, a cancelled meeting, and present before the window opens — writing nothing', async () => {
    const { clock, services, session, meetings, actor } = await withCoordinator();
    const enrolled = await createWorker();
    const waiting = await createWorker();
    await enroll(session, enrolled);
    await enroll(session, waiting, 'waitlisted');
    const save = (meeting: number, marks: Record<string, AttendanceStatus>) =>
      services.attendance.register.recordAttendance(actor, String(meetings[meeting]!._id), marks).then(
        () => null,
        (err: unknown) => (err instanceof ValidationError ? err.fields : Promise.reject(err)),
      );

    expect(await save(0, { [String(enrolled._id)]: 'present', [String(waiting._id)]: 'present' })).to.deep.equal({
      _form: 'attendance:validation.not_enrolled',
    });
    expect(await save(5, { [String(enrolled._id)]: 'present' })).to.deep.equal({ _form: 'attendance:validation.meeting_cancelled' });
    clock.set(at('2026-03-02', '07:29'));
    expect(await save(0, { [String(enrolled._id)]: 'present' })).to.deep.equal({
      [`status_${enrolled._id}`]: 'attendance:validation.not_yet',
    });
    expect(await Attendance.countDocuments()).to.equal(0);
    expect(await save(0, { [String(enrolled._id)]: 'excused' })).to.equal(null);
  });
});
