import { expect } from 'chai';
import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import mongoose, { Types } from 'mongoose';
import { User } from '../../src/modules/accounts';
import { Meeting, meetingsChanged } from '../../src/modules/scheduling';
import { ManualClock } from '../../src/platform/clock';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { signIn } from '../support/http';
import { createCourse, createInstructor, createRoom, createSessionWithMeetings, createWorkerRecord, enrol, wib } from '../support/calendar-factories';

// 1 Dec 2026, 07:00 WIB.
const NOW = '2026-12-01T00:00:00Z';

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text))
    .filter((c): c is VEvent => c?.type === 'VEVENT')
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

async function weldingSession(state: 'planned' | 'open' | 'cancelled' = 'planned', code = 'LAS-01') {
  return createSessionWithMeetings({
    state,
    course: await createCourse({ code, title: { id: 'Las SMAW Dasar', en: 'Basic SMAW Welding' } }),
    room: await createRoom(),
    instructors: [await createInstructor({ name: 'Pak Darto' })],
    cancelledMeetings: [2],
    meetings: [['2026-12-07 08:00', '2026-12-07 12:00'], ['2026-12-08 06:00', '2026-12-08 10:00'], ['2026-12-09 08:00', '2026-12-09 12:00']],
  });
}

describe('session .ics download', () => {
  it("gives a session's meetings as valid iCalendar in WIB, with stable UIDs", async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const { session, meetings } = await weldingSession();

    const res = await koor.get(`/sessions/${session.id}.ics`).expect(200);
    expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).to.match(new RegExp(`^attachment; filename="?LAS-01-${session.id}\\.ics"?$`));
    expect(res.text).to.include('BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta');
    const evs = events(res.text);
    expect(evs, 'the cancelled meeting is left out').to.have.length(2);
    expect(evs[0]!.start.toISOString()).to.equal('2026-12-07T01:00:00.000Z');
    expect(evs[0]!.end!.toISOString()).to.equal('2026-12-07T05:00:00.000Z');
    expect(evs[0]!.start.tz).to.equal('Asia/Jakarta');
    expect(evs[1]!.start.toISOString()).to.equal('2026-12-07T23:00:00.000Z'); // 06:00 WIB on 8 Dec
    expect(res.text).to.include('DTSTART;TZID=Asia/Jakarta:20261208T060000');
    expect(evs[0]!.uid).to.equal(`meeting-${meetings[0]!.id}@skills.takaru.test`);
    expect(evs[0]!.summary).to.equal('LAS-01 Las SMAW Dasar');
    expect(evs[0]!.location).to.match(/^Ruang Uji \d+$/);
    expect(evs[0]!.description).to.include('Pak Darto').and.include(`${APP_URL}/sessions/${session.id}`);

    const en = await koor.get(`/sessions/${session.id}.ics?lng=en`).expect(200);
    expect(events(en.text)[0]!.summary).to.equal('LAS-01 Basic SMAW Welding');
  });

  it('keeps the UID and raises SEQUENCE when a meeting moves', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const { session, meetings } = await weldingSession();
    const before = events((await koor.get(`/sessions/${session.id}.ics`).expect(200)).text)[0]!;
    await new Promise((r) => setTimeout(r, 1100)); // SEQUENCE counts seconds
    await Meeting.updateOne({ _id: meetings[0]!._id }, { $set: { start: wib('2026-12-07 09:00'), end: wib('2026-12-07 13:00') } });
    await meetingsChanged({ sessions: [meetings[0]!.session] });
    const after = events((await koor.get(`/sessions/${session.id}.ics`).expect(200)).text)[0]!;
    expect(after.uid).to.equal(before.uid);
    expect(after.start.toISOString()).to.equal('2026-12-07T02:00:00.000Z');
    expect(Number(after.sequence)).to.be.greaterThan(Number(before.sequence));
  });

  it('lets a worker download only sessions they hold a place in, or open ones', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const user = await createUser({ email: 'pekerja@t.test', roles: ['worker'] });
    const worker = await createWorkerRecord({ user: user._id, workshop: user.workshop! });
    const agent = await signIn(app, 'pekerja@t.test', PASSWORD);
    const planned = await weldingSession('planned', 'P-1');
    const [enrolled, waitlisted, cancelledPlace, open] = [
      await weldingSession('planned', 'P-2'), await weldingSession('planned', 'P-3'), await weldingSession('planned', 'P-4'), await weldingSession('open', 'O-1'),
    ];
    await enrol(enrolled.session, worker);
    await enrol(waitlisted.session, worker, 'waitlisted');
    await enrol(cancelledPlace.session, worker, 'cancelled');

    await agent.get(`/sessions/${planned.session.id}.ics`).expect(403);
    await agent.get(`/sessions/${cancelledPlace.session.id}.ics`).expect(403);
    for (const s of [enrolled, waitlisted, open]) {
      const res = await agent.get(`/sessions/${s.session.id}.ics`).expect(200);
      expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    }
    await agent.get(`/sessions/${new Types.ObjectId()}.ics`).expect(404);
    const anon = await request(app).get(`/sessions/${open.session.id}.ics`).expect(303);
    expect(anon.headers.location).to.match(/^\/login/);
  });

  it('answers only ObjectId.ics paths and leaves /sessions/<id> to the sessions pages', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    const { session } = await weldingSession();
    for (const path of [`/sessions/${session.id}`, '/sessions/open.ics', `/sessions/${session.id}x.ics`]) {
      const res = await koor.get(path);
      expect(String(res.headers['content-type']), path).not.to.include('text/calendar');
    }
  });
});

describe('personal iCal feed', () => {
  async function subscribedWorker(app: Parameters<typeof signIn>[0]) {
    const user = await createUser({ email: 'pekerja@t.test', roles: ['worker'], language: 'en' });
    const worker = await createWorkerRecord({ user: user._id, workshop: user.workshop! });
    await (await signIn(app, 'pekerja@t.test', PASSWORD)).get('/my/schedule').expect(200);
    const token = (await User.findById(user._id).lean())!.calendarToken!;
    return { user, worker, token };
  }

  it('serves enrolled meetings from 90 days back to a year ahead without login, cancelled ones marked', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { worker, token } = await subscribedWorker(app);
    const course = await createCourse({ code: 'FEED-1', title: { id: 'Bubut Dasar', en: 'Basic Lathe' } });
    const mine = await createSessionWithMeetings({
      course,
      cancelledMeetings: [3],
      meetings: [
        ['2026-08-01 08:00', '2026-08-01 12:00'], // 122 days back: outside
        ['2026-09-10 08:00', '2026-09-10 12:00'], // 82 days back: inside
        ['2027-11-20 08:00', '2027-11-20 12:00'], // 354 days ahead: inside
        ['2026-12-03 08:00', '2026-12-03 12:00'], // cancelled
        ['2028-01-10 08:00', '2028-01-10 12:00'], // 405 days ahead: outside
      ],
    });
    const gone = await createSessionWithMeetings({ course, state: 'cancelled', meetings: [['2026-12-04 08:00', '2026-12-04 12:00']] });
    const waiting = await createSessionWithMeetings({ course: await createCourse({ code: 'WAIT-1' }), meetings: [['2026-12-05 08:00', '2026-12-05 12:00']] });
    await enrol(mine.session, worker);
    await enrol(gone.session, worker);
    await enrol(waiting.session, worker, 'waitlisted');

    const res = await request(app).get(`/ical/${token}.ics`).expect(200);
    expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    expect(res.headers['set-cookie'], 'no session stored per fetch').to.equal(undefined);
    expect(await mongoose.connection.collection('sessions').countDocuments({ csrfToken: { $exists: true }, passport: { $exists: false } })).to.equal(0);
    const evs = events(res.text);
    expect(evs.map((e) => e.start.toISOString())).to.deep.equal([
      '2026-09-10T01:00:00.000Z', '2026-12-03T01:00:00.000Z', '2026-12-04T01:00:00.000Z', '2027-11-20T01:00:00.000Z',
    ]);
    expect(evs.map((e) => e.status)).to.deep.equal(['CONFIRMED', 'CANCELLED', 'CANCELLED', 'CONFIRMED']);
    expect(evs[0]!.summary, "in the account's language").to.equal('FEED-1 Basic Lathe');
    expect(evs[1]!.uid).to.equal(`meeting-${mine.meetings[3]!.id}@skills.takaru.test`);
    expect(res.text).not.to.include('WAIT-1');
  });

  it("serves an instructor's taught meetings", async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const user = await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    const me = await createInstructor({ user: user._id });
    await createSessionWithMeetings({ course: await createCourse({ code: 'TEACH-1' }), instructors: [me], meetings: [['2026-12-05 08:00', '2026-12-05 12:00']] });
    await (await signIn(app, 'ins@t.test', PASSWORD)).get('/my/schedule').expect(200);
    const token = (await User.findById(user._id).lean())!.calendarToken!;
    const evs = events((await request(app).get(`/ical/${token}.ics`).expect(200)).text);
    expect(evs).to.have.length(1);
    expect(evs[0]!.summary).to.match(/^TEACH-1 Kursus Uji \d+$/);
  });

  it('answers 404 to unknown tokens and to deactivated accounts', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { user, token } = await subscribedWorker(app);
    await request(app).get(`/ical/${'A'.repeat(43)}.ics`).expect(404);
    await request(app).get('/ical/short.ics').expect(404);
    await request(app).get(`/ical/${token}`).expect(404);
    await User.updateOne({ _id: user._id }, { $set: { active: false } });
    await request(app).get(`/ical/${token}.ics`).expect(404);
  });
});
