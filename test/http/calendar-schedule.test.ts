import { expect } from 'chai';
import request from 'supertest';
import { User } from '../../src/modules/accounts';
import { ManualClock } from '../../src/platform/clock';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { throughConfirm } from '../support/confirm';
import { mainText, signIn, submitForm } from '../support/http';
import { TrainingSession } from '../../src/modules/scheduling';
import { createCourse, createInstructor, createSessionWithMeetings, createWorkerRecord, enrol, wib } from '../support/calendar-factories';
import { commandsDuring } from '../support/db-commands';

// 1 Dec 2026, 07:00 WIB.
const NOW = '2026-12-01T00:00:00Z';

async function workerWithAccount(app: Parameters<typeof signIn>[0], email = 'pekerja@t.test') {
  const user = await createUser({ email, roles: ['worker'] });
  const worker = await createWorkerRecord({ user: user._id, workshop: user.workshop! });
  return { user, worker, agent: await signIn(app, email, PASSWORD) };
}

describe('my schedule', () => {
  it("shows a worker's enrolled meetings for the next 60 days and their wait-list places", async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { worker, agent } = await workerWithAccount(app);
    const mine = await createSessionWithMeetings({
      course: await createCourse({ code: 'MINE-1', title: { id: 'Las Dasar', en: 'Basic Welding' } }),
      meetings: [['2026-12-02 06:00', '2026-12-02 08:00'], ['2027-01-29 08:00', '2027-01-29 12:00'], ['2027-01-30 08:00', '2027-01-30 12:00']],
    });
    const other = await createSessionWithMeetings({ course: await createCourse({ code: 'OTHER-1' }), meetings: [['2026-12-03 08:00', '2026-12-03 12:00']] });
    const dropped = await createSessionWithMeetings({ course: await createCourse({ code: 'DROPPED-1' }), meetings: [['2026-12-04 08:00', '2026-12-04 12:00']] });
    const full = await createSessionWithMeetings({ course: await createCourse({ code: 'FULL-1' }), meetings: [['2026-12-20 08:00', '2026-12-20 12:00']] });
    await enrol(mine.session, worker);
    await enrol(dropped.session, worker, 'cancelled');
    await enrol(full.session, await createWorkerRecord(), 'waitlisted', new Date('2026-11-01T00:00:00Z'));
    await enrol(full.session, worker, 'waitlisted', new Date('2026-11-02T00:00:00Z'));
    await enrol(full.session, await createWorkerRecord(), 'waitlisted', new Date('2026-11-03T00:00:00Z'));
    await enrol(other.session, await createWorkerRecord());

    const res = await agent.get('/my/schedule').expect(200);
    const text = mainText(res.text);
    expect(text).to.include('Pertemuan 1 Des 2026 – 29 Jan 2027');
    expect(text).to.include('06.00–08.00 WIB').and.include('MINE-1 Las Dasar');
    expect(text).to.include('29 Jan 2027');
    expect(text).not.to.include('30 Jan 2027');
    expect(text).not.to.include('OTHER-1');
    expect(text).not.to.include('DROPPED-1');
    expect(text).to.include('Daftar tunggu').and.include('FULL-1').and.include('Daftar tunggu nomor 2');
    expect(res.text).to.include(`href="/sessions/${mine.session.id}"`);

    const later = mainText((await agent.get('/my/schedule?from=2027-01-30').expect(200)).text);
    expect(later).to.include('30 Jan 2027').and.not.include('2 Des 2026');
    expect((await agent.get('/my/schedule?from=not-a-date').expect(200)).text).to.include('Pertemuan 1 Des 2026');
  });

  it("reads the worker's own current classes, not every class of the weeks, whatever the past enrolments; a cancelled last meeting still shows", async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { worker, agent } = await workerWithAccount(app);
    const mine = await createSessionWithMeetings({
      course: await createCourse({ code: 'MINE-2', title: { id: 'Las Pipa', en: 'Pipe Welding' } }),
      meetings: [['2026-12-02 08:00', '2026-12-02 12:00'], ['2026-12-09 08:00', '2026-12-09 12:00']],
      cancelledMeetings: [1],
    });
    // As the app keeps it: the span covers the meetings not cancelled.
    await TrainingSession.updateOne({ _id: mine.session._id }, { $set: { lastEnd: wib('2026-12-02 12:00') } });
    await enrol(mine.session, worker);
    for (let i = 0; i < 12; i++) {
      const past = await createSessionWithMeetings({ course: await createCourse({ code: `PAST-${i}` }), meetings: [[`2026-0${1 + (i % 8)}-1${i % 10} 08:00`, `2026-0${1 + (i % 8)}-1${i % 10} 12:00`]] });
      await enrol(past.session, worker);
    }
    for (let i = 0; i < 3; i++) await createSessionWithMeetings({ course: await createCourse({ code: `BUSY-${i}` }), meetings: [['2026-12-03 08:00', '2026-12-03 12:00']] });

    const page = await agent.get('/my/schedule').expect(200); // a warm process, as for a signed-in worker
    const text = mainText(page.text);
    expect(text).to.include('MINE-2 Las Pipa').and.include('9 Des 2026').and.include('dibatalkan');
    expect(text).not.to.include('BUSY-').and.not.to.include('PAST-');
    const reads = (await commandsDuring(() => agent.get('/my/schedule').expect(200)))
      .filter((c) => c.collection === 'readmodels')
      .map((c) => String((c.filter as { _id?: unknown })._id).replace(/:.*/, ''));
    expect(reads.filter((k) => k === 'week-meetings'), 'week buckets read').to.deep.equal([]);
    expect(reads.filter((k) => k === 'session-meetings'), 'session documents read: the one class near today').to.have.length(1);
  });

  it('shows the personal feed as an absolute URL from the configured address, never from the Host header', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { user, agent } = await workerWithAccount(app);
    const res = await agent.get('/my/schedule').set('Host', 'evil.example').expect(200);
    const token = (await User.findById(user._id).lean())!.calendarToken!;
    expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(res.text).to.include(`value="${APP_URL}/ical/${token}.ics"`);
    expect(res.text).to.include(`href="webcal://skills.takaru.test/ical/${token}.ics"`);
    expect(res.text).not.to.include('evil.example/ical');
    // The token is made once, not on every visit.
    await agent.get('/my/schedule').expect(200);
    expect((await User.findById(user._id).lean())!.calendarToken).to.equal(token);
  });

  it('revokes the feed: a new token, and the old URL answers 404', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { user, agent } = await workerWithAccount(app);
    await agent.get('/my/schedule').expect(200);
    const old = (await User.findById(user._id).lean())!.calendarToken!;
    await request(app).get(`/ical/${old}.ics`).expect(200);

    const { done: res } = await throughConfirm(agent, '/my/schedule', '/my/calendar-feed/revoke', {});
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/my/schedule#feed');
    const fresh = (await User.findById(user._id).lean())!.calendarToken!;
    expect(fresh).to.match(/^[A-Za-z0-9_-]{43}$/).and.not.equal(old);
    const page = await agent.get('/my/schedule').expect(200);
    expect(mainText(page.text)).to.include('Alamat lama tidak berlaku lagi.');
    expect(page.text).to.include(`/ical/${fresh}.ics`);
    await request(app).get(`/ical/${old}.ics`).expect(404);
    await request(app).get(`/ical/${fresh}.ics`).expect(200);
  });

  it('refuses a revoke without the form token', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const { user, agent } = await workerWithAccount(app);
    await agent.get('/my/schedule').expect(200);
    const before = (await User.findById(user._id).lean())!.calendarToken;
    await agent.post('/my/calendar-feed/revoke').type('form').send('').expect(403);
    expect((await User.findById(user._id).lean())!.calendarToken).to.equal(before);
  });

  it("shows an instructor the meetings they teach", async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    const user = await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    const me = await createInstructor({ name: 'Pak Darto', user: user._id });
    await createSessionWithMeetings({ course: await createCourse({ code: 'TAUGHT-1' }), instructors: [me], meetings: [['2026-12-05 08:00', '2026-12-05 12:00']] });
    await createSessionWithMeetings({ course: await createCourse({ code: 'NOT-MINE' }), instructors: [await createInstructor()], meetings: [['2026-12-05 13:00', '2026-12-05 15:00']] });
    const text = mainText((await (await signIn(app, 'ins@t.test', PASSWORD)).get('/my/schedule').expect(200)).text);
    expect(text).to.include('TAUGHT-1').and.not.include('NOT-MINE');
  });

  it('tells a worker or instructor without a linked record what to do, kindly', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    await createUser({ email: 'lone@t.test', roles: ['worker'] });
    const text = mainText((await (await signIn(app, 'lone@t.test', PASSWORD)).get('/my/schedule').expect(200)).text);
    expect(text).to.include('Akun Anda belum terhubung dengan data pekerja').and.include('hubungi koordinator pelatihan');
    await createUser({ email: 'ins@t.test', roles: ['instructor'] });
    const en = mainText((await (await signIn(app, 'ins@t.test', PASSWORD)).get('/my/schedule?lng=en').expect(200)).text);
    expect(en).to.include('not linked to an instructor record');
  });

  it('is only for workers and instructors', async () => {
    const { app } = buildApp({ clock: new ManualClock(NOW) });
    await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@t.test', PASSWORD);
    await koor.get('/my/schedule').expect(403);
    expect((await User.findOne({ email: 'koor@t.test' }).lean())!.calendarToken).to.equal(undefined);
  });
});
