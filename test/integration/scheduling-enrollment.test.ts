import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { Enrollment, Seat } from '../../src/modules/scheduling';
import { Notification } from '../../src/modules/notifications';
import { buildApp } from '../support/harness';
import { makeCourse, makeSession, makeWorker } from '../support/scheduling-factories';

const coordinator = { id: '000000000000000000000001', roles: ['coordinator'] };

describe('enrolment with a wait-list', () => {
  it('gives 5 seats to exactly 5 of 20 simultaneous requests and wait-lists the 15 others in order', async function () {
    this.timeout(60000);
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const { services } = buildApp({ clock });
    const session = await makeSession({ start: new Date('2026-12-10T01:00:00Z'), capacity: 5 });
    const workers = [];
    for (let i = 0; i < 20; i++) workers.push(await makeWorker());
    const outcomes = await Promise.all(workers.map((w) => services.scheduling.enrollment.enrollWorker(coordinator, String(session._id), String(w._id))));
    expect(outcomes.filter((o) => o.status === 'enrolled')).to.have.length(5);
    expect(outcomes.filter((o) => o.status === 'waitlisted')).to.have.length(15);
    expect(await Seat.countDocuments({ session: session._id })).to.equal(5);
    expect(await Enrollment.countDocuments({ session: session._id, status: 'enrolled' })).to.equal(5);
    const queue = await Enrollment.find({ session: session._id, status: 'waitlisted' }).sort({ waitlistedAt: 1, _id: 1 }).lean();
    expect(queue).to.have.length(15);
    // Positions reported to the requesters are 1..15 without gaps or repeats.
    const positions = outcomes.filter((o) => o.status === 'waitlisted').map((o) => o.position).sort((a, b) => a! - b!);
    expect(new Set(positions).size).to.equal(15);
    // The queue is in the order the requests were recorded (creation order).
    const ids = queue.map((q) => String(q._id));
    expect(ids).to.deep.equal([...ids].sort());
  });

  it('tells each of 60 simultaneous requests over three classes a place of its own: seats 1–5, wait-list 1–15 per class', async function () {
    this.timeout(60000);
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const { services } = buildApp({ clock });
    const classes = await Promise.all([10, 14, 18].map((day) => makeSession({ start: new Date(`2026-12-${day}T01:00:00Z`), capacity: 5 })));
    const workers: Awaited<ReturnType<typeof makeWorker>>[] = [];
    for (let i = 0; i < 20; i++) workers.push(await makeWorker());
    const outcomes = await Promise.all(
      classes.flatMap((session) => workers.map(async (w) => ({ session: String(session._id), ...(await services.scheduling.enrollment.enrollWorker(coordinator, String(session._id), String(w._id))) }))),
    );
    for (const session of classes) {
      const mine = outcomes.filter((o) => o.session === String(session._id));
      expect(mine.filter((o) => o.status === 'enrolled'), 'enrolled').to.have.length(5);
      const positions = mine.filter((o) => o.status === 'waitlisted').map((o) => o.position).sort((a, b) => a! - b!);
      expect(positions, 'wait-list places told').to.deep.equal(Array.from({ length: 15 }, (_, i) => i + 1));
    }
  });

  it('promotes the first wait-listed worker into a freed seat and tells them', async () => {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const { services } = buildApp({ clock });
    const session = await makeSession({ start: new Date('2026-12-10T01:00:00Z'), capacity: 1 });
    const [a, b, c] = [await makeWorker(), await makeWorker(), await makeWorker()];
    const sid = String(session._id);
    const ea = await services.scheduling.enrollment.enrollWorker(coordinator, sid, String(a._id));
    clock.advance(1000);
    const eb = await services.scheduling.enrollment.enrollWorker(coordinator, sid, String(b._id));
    clock.advance(1000);
    const ec = await services.scheduling.enrollment.enrollWorker(coordinator, sid, String(c._id));
    expect([ea.status, eb.status, ec.status]).to.deep.equal(['enrolled', 'waitlisted', 'waitlisted']);
    expect([eb.position, ec.position]).to.deep.equal([1, 2]);
    await services.scheduling.enrollment.cancelEnrollment(coordinator, ea.enrollmentId);
    const statusOf = async (id: string) => (await Enrollment.findById(id).lean())!.status;
    expect(await statusOf(eb.enrollmentId)).to.equal('enrolled');
    expect(await statusOf(ec.enrollmentId)).to.equal('waitlisted');
    expect(await Notification.countDocuments({ worker: b._id, kind: 'waitlist-promoted' })).to.equal(1);
  });

  it('stops promoting at the cut-off before the first meeting', async () => {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const { services } = buildApp({ clock });
    const session = await makeSession({ start: new Date('2026-12-02T02:00:00Z'), capacity: 1, cutoffHours: 24 });
    const [a, b] = [await makeWorker(), await makeWorker()];
    const sid = String(session._id);
    const ea = await services.scheduling.enrollment.enrollWorker(coordinator, sid, String(a._id));
    const eb = await services.scheduling.enrollment.enrollWorker(coordinator, sid, String(b._id));
    clock.set('2026-12-01T02:00:01Z'); // 23 h 59 min 59 s before the start: past the cut-off
    await services.scheduling.enrollment.cancelEnrollment(coordinator, ea.enrollmentId);
    expect((await Enrollment.findById(eb.enrollmentId).lean())!.status).to.equal('waitlisted');
    expect(await Seat.countDocuments({ session: session._id })).to.equal(0);
  });

  it('promotes just before the cut-off', async () => {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const { services } = buildApp({ clock });
    const session = await makeSession({ start: new Date('2026-12-02T02:00:00Z'), capacity: 1, cutoffHours: 24 });
    const [a, b] = [await makeWorker(), await makeWorker()];
    const sid = String(session._id);
    const ea = await services.scheduling.enrollment.enrollWorker(coordinator, sid, String(a._id));
    const eb = await services.scheduling.enrollment.enrollWorker(coordinator, sid, String(b._id));
    clock.set('2026-12-01T01:59:59Z');
    await services.scheduling.enrollment.cancelEnrollment(coordinator, ea.enrollmentId);
    expect((await Enrollment.findById(eb.enrollmentId).lean())!.status).to.equal('enrolled');
  });

  it('refuses a worker already in an overlapping session unless a reason is given, and keeps the reason', async () => {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const { services } = buildApp({ clock });
    const first = await makeSession({ start: new Date('2026-12-10T01:00:00Z'), hours: 4 });
    const second = await makeSession({ start: new Date('2026-12-10T03:00:00Z'), hours: 4 });
    const backToBack = await makeSession({ start: new Date('2026-12-10T07:00:00Z'), hours: 2 });
    const w = await makeWorker();
    await services.scheduling.enrollment.enrollWorker(coordinator, String(first._id), String(w._id));
    let refused: unknown;
    try {
      await services.scheduling.enrollment.enrollWorker(coordinator, String(second._id), String(w._id));
    } catch (err) {
      refused = err;
    }
    expect(refused).to.have.property('code', 'scheduling_conflict');
    expect((refused as { conflicts: unknown[] }).conflicts).to.have.length(1);
    const ok = await services.scheduling.enrollment.enrollWorker(coordinator, String(second._id), String(w._id), 'Atas permintaan manajer bengkel');
    expect(ok.status).to.equal('enrolled');
    expect((await Enrollment.findById(ok.enrollmentId).lean())!.overrideReason).to.equal('Atas permintaan manajer bengkel');
    // Back-to-back with the second session (ends 07:00Z, next starts 07:00Z) is not a conflict.
    const third = await services.scheduling.enrollment.enrollWorker(coordinator, String(backToBack._id), String(w._id), undefined);
    expect(third.status).to.equal('enrolled');
  });

  it('checks prerequisites: a finished session of the required course', async () => {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const { services } = buildApp({ clock });
    const k3 = await makeCourse({ code: 'K3-T' });
    const gmaw = await makeCourse({ code: 'GMAW-T', prerequisites: [k3._id] });
    const target = await makeSession({ start: new Date('2026-12-10T01:00:00Z'), course: gmaw._id });
    const w = await makeWorker();
    let refused: unknown;
    try {
      await services.scheduling.enrollment.enrollWorker(coordinator, String(target._id), String(w._id));
    } catch (err) {
      refused = err;
    }
    expect(refused).to.have.nested.property('fields.worker', 'scheduling:validation.prerequisite');
    const past = await makeSession({ start: new Date('2026-11-20T01:00:00Z'), course: k3._id });
    clock.set('2026-11-01T00:00:00Z');
    await services.scheduling.enrollment.enrollWorker(coordinator, String(past._id), String(w._id));
    clock.set('2026-12-01T00:00:00Z');
    const ok = await services.scheduling.enrollment.enrollWorker(coordinator, String(target._id), String(w._id));
    expect(ok.status).to.equal('enrolled');
  });
});
