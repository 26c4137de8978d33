import { expect } from 'chai';
import { Attendance, rebuildAttendanceReadModels, sessionAttendance } from '../../src/modules/attendance';
import { ManualClock } from '../../src/platform/clock';
import { ReadModelDoc } from '../../src/platform/db/read-model';
import type { Actor } from '../../src/platform/actor';
import { buildApp } from '../support/harness';
import { at, createSession, createWorker, enroll } from '../support/attendance-factories';
import { commandsDuring } from '../support/db-commands';

const MIN = 60 * 1000;
const FIRST = at('2026-03-02', '08:00');
const SECOND = at('2026-03-09', '08:00');
const coordinator: Actor = { id: '000000000000000000000001', roles: ['coordinator'] };

/** What the source says, by a fresh query (independent of the read model's own build). */
async function sourceRecords(session: string) {
  const rows = await Attendance.find({ session }).lean();
  return rows
    .map((r) => ({
      meeting: String(r.meeting),
      worker: String(r.worker),
      status: r.status,
      via: r.via,
      recordedAt: r.recordedAt ?? null,
      createdAt: (r as { createdAt?: Date }).createdAt ?? null,
      updatedAt: (r as { updatedAt?: Date }).updatedAt ?? null,
    }))
    .sort((a, b) => a.meeting.localeCompare(b.meeting) || a.worker.localeCompare(b.worker));
}

/**
 * After every kind of write of attendance, the **stored** `session-attendance` documents (not rebuilt
 * on read) of both sessions equal a fresh query of the records. Before each write the documents are
 * read, as pages do, so a writer that forgets `attendanceChanged` leaves one stale and this fails.
 */
describe('session-attendance read model matches the source after every kind of write', () => {
  async function setup() {
    const clock = new ManualClock(FIRST);
    const { services } = buildApp({ clock });
    const { session, meetings } = await createSession({ starts: [FIRST, SECOND], hours: 4 });
    const other = await createSession({ starts: [FIRST], hours: 4 });
    const people = [];
    for (let i = 0; i < 3; i++) {
      const worker = await createWorker({ login: true });
      await enroll(session, worker);
      people.push({ worker, id: String(worker._id), actor: { id: String(worker.user), roles: ['worker'] } as Actor });
    }
    return { clock, services, session: String(session._id), other: String(other.session._id), meetings: meetings.map((m) => String(m._id)), people };
  }

  let ctx: Awaited<ReturnType<typeof setup>>;
  const sessions = () => [ctx.session, ctx.other];

  async function step(label: string, write: () => Promise<unknown>) {
    await sessionAttendance.getMany(sessions());
    await write();
    for (const s of sessions()) {
      const stored = await ReadModelDoc.findById(`session-attendance:${s}`).lean();
      expect(stored, `${label}: session-attendance:${s} stored`).to.not.equal(null);
      expect(stored!.data, `${label}: session-attendance:${s}`).to.deep.equal({ session: s, records: await sourceRecords(s) });
    }
  }

  beforeEach(async () => {
    ctx = await setup();
  });

  it('stays equal to the records through check-in, register save, correction, excused and mark-all', async () => {
    const [a, b, c] = ctx.people;
    const [m1, m2] = ctx.meetings;
    const att = ctx.services.attendance;

    await step('QR check-in', () => att.checkin.checkIn(a!.actor, att.codes.passAt(m1!, ctx.clock.now())));
    ctx.clock.set(new Date(FIRST.getTime() + 20 * MIN));
    await step('typed-code check-in', () => att.checkin.checkInWithCode(b!.actor, att.codes.codeAt(m1!, ctx.clock.now())));
    await step('register save', () => att.register.recordAttendance(coordinator, m1!, { [c!.id]: 'absent' }));
    await step('correction', () => att.register.recordAttendance(coordinator, m1!, { [a!.id]: 'absent', [c!.id]: 'present' }));
    await step('excused in advance', () => att.register.recordAttendance(coordinator, m2!, { [b!.id]: 'excused' }));
    ctx.clock.set(new Date(SECOND.getTime() + 5 * MIN));
    await step('mark all present', () => att.register.markAllPresent(coordinator, m2!));

    const stored = (await sessionAttendance.get(ctx.session)).records;
    expect(stored).to.have.length(6);
    expect(stored.filter((r) => r.meeting === m2).map((r) => r.status).sort()).to.deep.equal(['excused', 'present', 'present']);
  });

  it('shows a correction on the register and in the 80 % rule at once', async () => {
    const [a] = ctx.people;
    const [m1] = ctx.meetings;
    const att = ctx.services.attendance;
    ctx.clock.set(new Date(SECOND.getTime() + 5 * 60 * MIN));
    await att.register.recordAttendance(coordinator, m1!, { [a!.id]: 'present' });
    const before = await att.summary.attendanceSummary(ctx.session);
    expect(before.find((r) => r.workerId === a!.id)!.attended).to.equal(1);
    await att.register.recordAttendance(coordinator, m1!, { [a!.id]: 'absent' });
    const register = await att.register.getRegister(coordinator, m1!);
    expect(register.rows.find((r) => r.id === a!.id)!.status).to.equal('absent');
    const after = await att.summary.attendanceSummary(ctx.session);
    expect(after.find((r) => r.workerId === a!.id)!.attended).to.equal(0);
  });

  it('rebuilds every session from one read after a bulk write that bypassed the hook', async () => {
    const [a] = ctx.people;
    await sessionAttendance.getMany(sessions());
    await Attendance.insertMany([{ meeting: ctx.meetings[0], session: ctx.session, worker: a!.worker._id, status: 'present', via: 'manual' }]);
    expect((await sessionAttendance.get(ctx.session)).records, 'stale until told').to.have.length(0);
    expect(await rebuildAttendanceReadModels()).to.be.at.least(2);
    expect((await ReadModelDoc.findById(`session-attendance:${ctx.session}`).lean())!.data).to.deep.equal({ session: ctx.session, records: await sourceRecords(ctx.session) });
  });
});

describe('pages that show attendance and seats read no attendance or seat collection', () => {
  /** The collections each command of `fn` names (reads by `_id` of `readmodels` are what pages should send). */
  async function collectionsRead(fn: () => Promise<unknown>): Promise<string[]> {
    return (await commandsDuring(fn)).flatMap((c) => (c.collection === undefined ? [] : [c.collection]));
  }

  it('register, session attendance page, 80 % rule, check-in page, staff home and /sessions', async () => {
    const clock = new ManualClock(new Date(FIRST.getTime() + 5 * 60 * MIN));
    const { services } = buildApp({ clock });
    const { session, meetings } = await createSession({ starts: [FIRST], hours: 4 });
    const worker = await createWorker({ login: true });
    await enroll(session, worker);
    await services.attendance.register.recordAttendance(coordinator, String(meetings[0]!._id), { [String(worker._id)]: 'present' });
    const workerActor: Actor = { id: String(worker.user), roles: ['worker'] };
    const pages = async () => {
      await services.attendance.register.getRegister(coordinator, String(meetings[0]!._id));
      await services.attendance.summary.getSessionAttendance(coordinator, String(session._id));
      await services.attendance.completionFor(String(session._id), String(worker._id));
      await services.attendance.checkin.getCheckin(workerActor, services.attendance.codes.passAt(String(meetings[0]!._id), clock.now()));
      await services.home.coordinatorHome(coordinator, 'id');
      await services.scheduling.query.listSessions(coordinator, { when: 'all', page: 1 }, 'id');
    };
    await pages(); // warm the process caches, as for a signed-in user
    const read = await collectionsRead(pages);
    expect(read.filter((c) => c === 'attendances' || c === 'seats')).to.deep.equal([]);
    const rows = await services.attendance.summary.getSessionAttendance(coordinator, String(session._id));
    expect(rows.meetings[0]!.counts.present).to.equal(1);
  });
});
