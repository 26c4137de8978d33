import { expect } from 'chai';
import { Attendance, attendanceChanged, CheckinRefusedError } from '../../src/modules/attendance';
import { Meeting } from '../../src/modules/scheduling';
import { ManualClock } from '../../src/platform/clock';
import type { Actor } from '../../src/platform/actor';
import { buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { at, createSession, createWorker, enroll } from '../support/attendance-factories';

const MIN = 60 * 1000;
const START = at('2026-03-02', '08:00'); // meeting 08:00–12:00 WIB
const END = at('2026-03-02', '12:00');
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

async function setup() {
  const clock = new ManualClock(START);
  const { services } = buildApp({ clock });
  const { session, meetings } = await createSession({ starts: [START], hours: 4 });
  const meeting = meetings[0]!;
  const newWorker = async (status?: 'enrolled' | 'waitlisted' | 'cancelled') => {
    const worker = await createWorker({ login: true });
    if (status) await enroll(session, worker, status);
    const actor: Actor = { id: String(worker.user), roles: ['worker'] };
    return { worker, actor };
  };
  // A fresh QR pass at the clock's current time, as the instructor's screen would show it.
  const checkIn = (actor: Actor) => services.attendance.checkin.checkIn(actor, services.attendance.codes.passAt(meeting.id, clock.now()));
  return { clock, session, meeting, newWorker, checkIn };
}

async function refusal(p: Promise<unknown>): Promise<CheckinRefusedError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CheckinRefusedError) return err;
    throw err;
  }
  throw new Error('expected the check-in to be refused');
}

describe('QR check-in: the window', () => {
  it('refuses a scan just before the window opens, naming the opening time, and writes nothing', async () => {
    const { clock, newWorker, checkIn } = await setup();
    const { actor } = await newWorker('enrolled');
    clock.set(plus(START, -30 * MIN - 1));
    const err = await refusal(checkIn(actor));
    expect(err.reason).to.equal('too_early');
    expect(err.kind).to.equal('conflict');
    expect(err.at!.toISOString()).to.equal(plus(START, -30 * MIN).toISOString());
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('marks present at the instant the window opens, 30 minutes before the start', async () => {
    const { clock, meeting, newWorker, checkIn } = await setup();
    const { worker, actor } = await newWorker('enrolled');
    clock.set(plus(START, -30 * MIN));
    const result = await checkIn(actor);
    expect(result.outcome).to.equal('recorded');
    const saved = await Attendance.findOne({ meeting: meeting._id, worker: worker._id }).lean();
    expect(saved).to.include({ status: 'present', via: 'qr' });
    expect(String(saved!.recordedBy)).to.equal(actor.id);
    expect(saved!.recordedAt!.toISOString()).to.equal(plus(START, -30 * MIN).toISOString());
  });

  it('marks present up to 15 minutes after the start and late after that', async () => {
    const { clock, newWorker, checkIn } = await setup();
    const onTime = await newWorker('enrolled');
    const late = await newWorker('enrolled');
    clock.set(plus(START, 15 * MIN));
    expect((await checkIn(onTime.actor)).record.status).to.equal('present');
    clock.set(plus(START, 15 * MIN + 1000));
    expect((await checkIn(late.actor)).record.status).to.equal('late');
  });

  it('still accepts a scan in the last second of the meeting, as late', async () => {
    const { clock, newWorker, checkIn } = await setup();
    const { actor } = await newWorker('enrolled');
    clock.set(plus(END, -1000));
    expect((await checkIn(actor)).record.status).to.equal('late');
  });

  it('refuses a scan at the end and after it, naming the closing time', async () => {
    const { clock, newWorker, checkIn } = await setup();
    const { actor } = await newWorker('enrolled');
    clock.set(END);
    const atEnd = await refusal(checkIn(actor));
    expect(atEnd.reason).to.equal('closed');
    expect(atEnd.at!.toISOString()).to.equal(END.toISOString());
    clock.set(plus(END, 60 * MIN));
    expect((await refusal(checkIn(actor))).reason).to.equal('closed');
    expect(await Attendance.countDocuments()).to.equal(0);
  });
});

describe('QR check-in: who may check in', () => {
  it('keeps the first record on a second scan and says it was already recorded', async () => {
    const { clock, newWorker, checkIn } = await setup();
    const { worker, actor } = await newWorker('enrolled');
    clock.set(plus(START, 5 * MIN));
    expect((await checkIn(actor)).outcome).to.equal('recorded');
    clock.set(plus(START, 40 * MIN));
    const second = await checkIn(actor);
    expect(second.outcome).to.equal('already');
    expect(second.record.status).to.equal('present');
    expect(second.record.at.toISOString()).to.equal(plus(START, 5 * MIN).toISOString());
    const rows = await Attendance.find({ worker: worker._id }).lean();
    expect(rows).to.have.length(1);
    expect(rows[0]!.status).to.equal('present');
  });

  it('records one attendance when the same worker scans several times at once', async () => {
    const { clock, newWorker, checkIn } = await setup();
    const { actor } = await newWorker('enrolled');
    clock.set(plus(START, MIN));
    const results = await Promise.all(Array.from({ length: 5 }, () => checkIn(actor)));
    expect(results.filter((r) => r.outcome === 'recorded')).to.have.length(1);
    expect(await Attendance.countDocuments()).to.equal(1);
  });

  it('keeps a record the instructor made before the worker scanned', async () => {
    const { clock, session, meeting, newWorker, checkIn } = await setup();
    const { worker, actor } = await newWorker('enrolled');
    await Attendance.create({ meeting: meeting._id, session: session._id, worker: worker._id, status: 'excused', via: 'manual' });
    await attendanceChanged({ sessions: [session._id] });
    clock.set(plus(START, MIN));
    const result = await checkIn(actor);
    expect(result).to.deep.include({ outcome: 'already' });
    expect(result.record.status).to.equal('excused');
  });

  it('refuses a worker not enrolled in this session', async () => {
    const { newWorker, checkIn } = await setup();
    const stranger = await newWorker();
    const err = await refusal(checkIn(stranger.actor));
    expect(err.reason).to.equal('not_enrolled');
    expect(err.kind).to.equal('forbidden');
    const cancelled = await newWorker('cancelled');
    expect((await refusal(checkIn(cancelled.actor))).reason).to.equal('not_enrolled');
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('refuses a wait-listed worker', async () => {
    const { newWorker, checkIn } = await setup();
    const { actor } = await newWorker('waitlisted');
    expect((await refusal(checkIn(actor))).reason).to.equal('waitlisted');
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('refuses an account without a worker record, a forged QR pass and a cancelled meeting', async () => {
    const { clock, meeting, newWorker, checkIn } = await setup();
    const coordinator = await createUser({ roles: ['coordinator'] });
    expect((await refusal(checkIn({ id: coordinator.id, roles: ['coordinator'] }))).reason).to.equal('no_worker');

    const { services } = buildApp({ clock });
    const { actor } = await newWorker('enrolled');
    const unknown = await refusal(services.attendance.checkin.checkIn(actor, { meetingId: meeting.id, step: 1, sig: 'AAAAAAAAAAAAAAAAAAAAAA' }));
    expect(unknown.reason).to.equal('unknown_token');
    expect(unknown.kind).to.equal('not_found');

    await Meeting.updateOne({ _id: meeting._id }, { $set: { cancelled: true } });
    expect((await refusal(checkIn(actor))).reason).to.equal('meeting_cancelled');
    expect(await Attendance.countDocuments()).to.equal(0);
  });
});
