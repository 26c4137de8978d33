import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { ReadModelDoc } from '../../src/platform/db/read-model';
import {
  Enrollment,
  Meeting,
  TrainingSession,
  rebuildEnrolmentReadModels,
  sessionRoster,
  workerEnrolments,
} from '../../src/modules/scheduling';
import { buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { makeSession, makeWorker } from '../support/scheduling-factories';

const coordinator = { id: '000000000000000000000001', roles: ['coordinator'] };

/** What the source says, by a fresh query (independent of the read models' own build). */
async function sourceEntries(filter: Record<string, unknown>) {
  const rows = await Enrollment.find(filter).sort({ waitlistedAt: 1, _id: 1 }).lean();
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

/**
 * After every kind of write of enrolments, the **stored** documents (not rebuilt on read) of every
 * worker and session involved equal a fresh query of the enrolments. Before each write the
 * documents are read (as pages do), so a writer that forgets `enrolmentsChanged` leaves one stale
 * and this test fails.
 */
describe('enrolment read models match the source after every kind of write', () => {
  async function setup() {
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    const { services } = buildApp({ clock });
    const session = await makeSession({ start: new Date('2026-12-10T01:00:00Z'), capacity: 2, meetings: 2 });
    const other = await makeSession({ start: new Date('2026-12-20T01:00:00Z'), capacity: 5 });
    const user = await createUser({ email: 'pekerja-rm@takaru.test', roles: ['worker'] });
    const asker = await makeWorker({ user: user._id });
    const workers = [asker, await makeWorker(), await makeWorker(), await makeWorker(), await makeWorker()];
    const workerActor = { id: String(user._id), roles: ['worker'] };
    return { clock, services, session, other, workers, asker, workerActor };
  }

  let ctx: Awaited<ReturnType<typeof setup>>;
  const allWorkers = () => ctx.workers.map((w) => String(w._id));
  const allSessions = () => [String(ctx.session._id), String(ctx.other._id)];

  /** Pages read every document first, so a missing refresh leaves a stale one behind. */
  async function viewed() {
    await Promise.all([workerEnrolments.getMany(allWorkers()), sessionRoster.getMany(allSessions())]);
  }

  async function expectInSync(label: string) {
    for (const w of allWorkers()) {
      const stored = await ReadModelDoc.findById(`worker-enrolments:${w}`).lean();
      expect(stored, `${label}: worker-enrolments:${w} stored`).to.not.equal(null);
      expect(stored!.data, `${label}: worker-enrolments:${w}`).to.deep.equal({ worker: w, enrolments: await sourceEntries({ worker: w }) });
    }
    for (const s of allSessions()) {
      const stored = await ReadModelDoc.findById(`session-roster:${s}`).lean();
      expect(stored, `${label}: session-roster:${s} stored`).to.not.equal(null);
      expect(stored!.data, `${label}: session-roster:${s}`).to.deep.equal({ session: s, enrolments: await sourceEntries({ session: s }) });
    }
  }

  async function step(label: string, write: () => Promise<unknown>) {
    await viewed();
    await write();
    await expectInSync(label);
  }

  beforeEach(async () => {
    ctx = await setup();
  });

  it('enrol, wait-list, request a place, cancel with promotion, raise capacity, move, cancel the session', async function () {
    this.timeout(120_000);
    const { services, session, other, workers, workerActor, clock } = ctx;
    const enrol = services.scheduling.enrollment;
    const sid = String(session._id);
    const w = workers.map((x) => String(x._id));
    await step('enrol', () => enrol.enrollWorker(coordinator, sid, w[1]!));
    clock.advance(1000);
    await step('worker asks for a place', () => enrol.requestPlace(workerActor, sid));
    clock.advance(1000);
    await step('enrol onto the wait-list', () => enrol.enrollWorker(coordinator, sid, w[2]!));
    clock.advance(1000);
    await step('bulk enrol (wait-list)', () => enrol.bulkEnroll(coordinator, sid, [w[3]!, w[4]!]));
    clock.advance(1000);
    const placeOf = async (i: number) => String((await Enrollment.findOne({ session: session._id, worker: w[i] }).lean())!._id);
    await step('cancel a seat: the first wait-listed moves up', async () => enrol.cancelEnrollment(coordinator, await placeOf(1)));
    expect((await Enrollment.findOne({ session: session._id, worker: w[2] }).lean())!.status).to.equal('enrolled');
    clock.advance(1000);
    await step('cancel a wait-listed place', async () => enrol.cancelEnrollment(coordinator, await placeOf(4)));
    clock.advance(1000);
    await step('the worker cancels their own place', async () => enrol.cancelEnrollment(workerActor, await placeOf(0)));
    clock.advance(1000);
    await step('re-enrol after a cancellation', () => enrol.enrollWorker(coordinator, sid, w[1]!));
    await step('raise the capacity: promotion', async () => {
      await TrainingSession.updateOne({ _id: session._id }, { $set: { capacity: 4 } });
      await enrol.promoteWaitlisted(sid, { ignoreCutoff: true });
    });
    const meeting = (await Meeting.findOne({ session: other._id }).lean())!;
    await step('enrol in another session', () => enrol.enrollWorker(coordinator, String(other._id), w[4]!));
    await step('move a meeting', () => services.scheduling.sessions.moveMeeting(coordinator, String(other._id), String(meeting._id), { date: '2026-12-21', start: '09:00', end: '12:00' }));
    await step('cancel the session', () => services.scheduling.sessions.cancelSession(coordinator, sid, 'Instruktur sakit'));
  });

  it('enrolments written in bulk (generator) are rebuilt from one read', async () => {
    const { session, workers } = ctx;
    await viewed();
    await Enrollment.insertMany(workers.map((w, i) => ({ session: session._id, worker: w._id, status: i < 2 ? 'enrolled' : 'waitlisted', requestedBy: 'coordinator', waitlistedAt: i < 2 ? undefined : new Date(Date.UTC(2026, 10, 1, 0, i)) })));
    await rebuildEnrolmentReadModels();
    await expectInSync('after generate');
  });
});
