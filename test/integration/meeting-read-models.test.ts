import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { ReadModelDoc } from '../../src/platform/db/read-model';
import { Meeting, TrainingSession, sessionMeetings, weekMeetings, wibWeekOf } from '../../src/modules/scheduling';
import { createSessionForm } from '../../src/modules/scheduling/sessions.schemas';
import { buildApp } from '../support/harness';
import { makeCourse, makeInstructor, makeRoom, makeSession } from '../support/scheduling-factories';

const coordinator = { id: '000000000000000000000001', roles: ['coordinator'] };

/** What a bucket must hold, computed here from the source collections (not by the read model's own build). */
async function expectedEntries() {
  const [meetings, sessions] = await Promise.all([Meeting.find({}).lean(), TrainingSession.find({}).lean()]);
  const byId = new Map(sessions.map((s) => [String(s._id), s]));
  return meetings.map((m) => {
    const s = byId.get(String(m.session))!;
    return {
      id: String(m._id),
      session: String(m.session),
      course: String(s.course),
      start: m.start.toISOString(),
      end: m.end.toISOString(),
      room: String(m.room),
      instructors: (m.instructors ?? []).map(String),
      cancelled: !!m.cancelled,
      sessionCancelled: s.state === 'cancelled',
      updatedAt: new Date(Math.max(m.updatedAt!.getTime(), s.updatedAt!.getTime())).toISOString(),
    };
  });
}

type Entry = Awaited<ReturnType<typeof expectedEntries>>[number];
const plain = (list: unknown[]): Entry[] =>
  (list as Array<Record<string, unknown>>).map((m) => ({
    id: String(m.id),
    session: String(m.session),
    course: String(m.course),
    start: new Date(m.start as Date).toISOString(),
    end: new Date(m.end as Date).toISOString(),
    room: String(m.room),
    instructors: (m.instructors as string[]).map(String),
    cancelled: m.cancelled as boolean,
    sessionCancelled: m.sessionCancelled as boolean,
    updatedAt: new Date(m.updatedAt as Date).toISOString(),
  }));
const order = (a: Entry, b: Entry) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id);

/**
 * The stored documents (read raw: a missing one fails, it is not rebuilt) of `sessions` and `weeks`
 * equal a fresh query of meetings and sessions.
 */
async function expectInSync(sessions: unknown[], weeks: string[]) {
  const all = await expectedEntries();
  for (const s of sessions.map(String)) {
    const doc = await ReadModelDoc.findById(`session-meetings:${s}`).lean();
    expect(doc, `session-meetings:${s} stored`).to.exist;
    expect(plain((doc!.data as { meetings: unknown[] }).meetings), `session-meetings:${s}`).to.deep.equal(all.filter((m) => m.session === s).sort(order));
  }
  for (const w of weeks) {
    const doc = await ReadModelDoc.findById(`week-meetings:${w}`).lean();
    expect(doc, `week-meetings:${w} stored`).to.exist;
    expect(plain((doc!.data as { meetings: unknown[] }).meetings), `week-meetings:${w}`).to.deep.equal(
      all.filter((m) => wibWeekOf(new Date(m.start)) === w).sort(order),
    );
  }
}

/** Pages read the documents before the write, so each exists (and would go stale without the hook). */
async function prime(sessions: unknown[], weeks: string[]) {
  await Promise.all([sessionMeetings.getMany(sessions.map(String)), weekMeetings.getMany(weeks)]);
}

describe('meeting read models (session-meetings, week-meetings) after every kind of meeting write', () => {
  // Wednesday 2 December 2026, 08:00 WIB. W49 = 30 Nov–6 Dec, W50 = 7–13 Dec, W51 = 14–20 Dec.
  const clock = new ManualClock('2026-12-02T01:00:00Z');
  let ctx: ReturnType<typeof buildApp>;
  beforeEach(() => {
    clock.set(new Date('2026-12-02T01:00:00Z'));
    ctx = buildApp({ clock });
  });
  const sessions = () => ctx.services.scheduling.sessions;

  it('creating a session with meetings in two weeks fills both buckets and its session document', async () => {
    const [course, room, instructor] = [await makeCourse(), await makeRoom(), await makeInstructor()];
    await prime([], ['2026-W50', '2026-W51']);
    const id = await sessions().createSession(
      coordinator,
      createSessionForm.parse({
        course: String(course._id), room: String(room._id), instructors: [String(instructor._id)], capacity: '8', state: 'open', plan: 'list',
        meetingDate: ['2026-12-13', '2026-12-14'], meetingStart: ['08:00', '08:00'], meetingEnd: ['12:00', '12:00'],
      }),
    );
    const week50 = await weekMeetings.get('2026-W50');
    expect(week50.meetings.map((m) => m.session)).to.deep.equal([id]);
    await expectInSync([id], ['2026-W50', '2026-W51']);
  });

  it('adding a meeting puts it in its week and in the session', async () => {
    const s = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), meetings: 2 });
    await prime([s._id], ['2026-W50', '2026-W51']);
    await sessions().addMeeting(coordinator, String(s._id), { date: '2026-12-15', start: '13:00', end: '16:00' });
    expect((await weekMeetings.get('2026-W51')).meetings).to.have.length(1);
    await expectInSync([s._id], ['2026-W50', '2026-W51']);
  });

  it('moving a meeting across a week boundary takes it out of the old week and into the new one', async () => {
    const s = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), meetings: 2 });
    const first = await Meeting.findOne({ session: s._id }).sort({ start: 1 }).lean();
    await prime([s._id], ['2026-W50', '2026-W51']);
    await sessions().moveMeeting(coordinator, String(s._id), String(first!._id), { date: '2026-12-16', start: '08:00', end: '12:00' });
    const [w50, w51] = [await weekMeetings.get('2026-W50'), await weekMeetings.get('2026-W51')];
    expect(w50.meetings.map((m) => m.id)).to.not.include(String(first!._id));
    expect(w51.meetings.map((m) => m.id)).to.include(String(first!._id));
    await expectInSync([s._id], ['2026-W50', '2026-W51']);
  });

  it('cancelling one meeting marks it cancelled in its week and its session', async () => {
    const s = await makeSession({ start: new Date('2026-12-07T01:00:00Z'), meetings: 2 });
    const second = await Meeting.findOne({ session: s._id }).sort({ start: -1 }).lean();
    await prime([s._id], ['2026-W50']);
    await sessions().cancelMeeting(coordinator, String(s._id), String(second!._id));
    expect((await weekMeetings.get('2026-W50')).meetings.find((m) => m.id === String(second!._id))?.cancelled).to.equal(true);
    await expectInSync([s._id], ['2026-W50']);
  });

  it('cancelling a session marks every meeting of it cancelled in every week', async () => {
    const s = await makeSession({ start: new Date('2026-12-12T01:00:00Z'), meetings: 3 });
    await prime([s._id], ['2026-W50', '2026-W51']);
    await sessions().cancelSession(coordinator, String(s._id), 'Instruktur sakit');
    const all = [...(await weekMeetings.get('2026-W50')).meetings, ...(await weekMeetings.get('2026-W51')).meetings];
    expect(all.map((m) => m.sessionCancelled)).to.deep.equal([true, true, true]);
    await expectInSync([s._id], ['2026-W50', '2026-W51']);
  });

  it('changing the room and instructors shows the new ones in the weeks of its future meetings', async () => {
    const s = await makeSession({ start: new Date('2026-12-12T01:00:00Z'), meetings: 3 });
    const [room, instructor] = [await makeRoom(), await makeInstructor()];
    await prime([s._id], ['2026-W50', '2026-W51']);
    await sessions().updateSession(coordinator, String(s._id), {
      course: String(s.course), room: String(room._id), instructors: [String(instructor._id)], capacity: 10, state: 'open', cutoffHours: 24, notes: '',
    });
    // Meetings on 12, 13 (W50) and 14 December (W51), all still ahead.
    const all = [...(await weekMeetings.get('2026-W50')).meetings, ...(await weekMeetings.get('2026-W51')).meetings];
    expect(all.map((m) => m.room)).to.deep.equal([String(room._id), String(room._id), String(room._id)]);
    expect(all.map((m) => m.instructors)).to.deep.equal([[String(instructor._id)], [String(instructor._id)], [String(instructor._id)]]);
    await expectInSync([s._id], ['2026-W50', '2026-W51']);
  });

  it('a calendar week page reads its bucket by _id and shows a meeting moved into it', async () => {
    const s = await makeSession({ start: new Date('2026-12-08T01:00:00Z'), meetings: 1 });
    const m = await Meeting.findOne({ session: s._id }).lean();
    const week = (date: string) => ctx.services.calendar.calendar.viewCalendar(coordinator, { view: 'week', date }, 'id');
    expect((await week('2026-12-14')).count).to.equal(0);
    await sessions().moveMeeting(coordinator, String(s._id), String(m!._id), { date: '2026-12-17', start: '08:00', end: '10:00' });
    expect((await week('2026-12-14')).count).to.equal(1);
    expect((await week('2026-12-07')).count).to.equal(0);
  });
});
