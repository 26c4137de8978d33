import { expect } from 'chai';
import request from 'supertest';
import { User } from '../../src/modules/accounts';
import { Attendance, attendanceChanged } from '../../src/modules/attendance';
import { ManualClock } from '../../src/platform/clock';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, mainText, signIn, type Agent } from '../support/http';
import { at, createInstructor, createSession, createWorker, enroll } from '../support/attendance-factories';

const START = at('2026-03-02', '08:00'); // 08:00–12:00 WIB
const MIN = 60 * 1000;

async function setup() {
  const clock = new ManualClock(new Date(START.getTime() + 5 * MIN));
  const { app, services } = buildApp({ clock });
  const insUser = await createUser({ email: 'ins@qr.test', roles: ['instructor'] });
  const instructor = await createInstructor(insUser._id);
  const { session, meetings } = await createSession({ instructors: [instructor._id], starts: [START] });
  const meeting = meetings[0]!;
  const siti = await createWorker({ name: 'Siti Rahayu', email: 'siti@qr.test' });
  await enroll(session, siti);
  // The QR link the instructor's screen shows at the clock's current time.
  const qrUrl = () => {
    const p = services.attendance.codes.passAt(meeting.id, clock.now());
    return `/checkin/${p.meetingId}/${p.step}/${p.sig}`;
  };
  const url = qrUrl();
  return { app, clock, session, meeting, siti, url, qrUrl };
}

/** Posts the check-in form the way the page does. */
async function pressCheckIn(agent: Agent, url: string) {
  const page = await agent.get(url);
  return agent.post(url).type('form').send(formBody({ _csrf: csrfFrom(page.text) }));
}

describe('QR check-in (HTTP)', () => {
  it('shows the meeting and a button; pressing it marks the worker present, a second press says already', async () => {
    const { app, url, siti, meeting } = await setup();
    const worker = await signIn(app, 'siti@qr.test', PASSWORD);
    const page = await worker.get(url).expect(200);
    expect(mainText(page.text)).to.include('Pengelasan SMAW Dasar').and.include('Senin, 2 Mar 2026, 08.00–12.00 WIB');
    expect(page.text).to.match(/<button type="submit" class="button primary att-checkin-button">Hadir<\/button>/);
    expect(await Attendance.countDocuments(), 'GET never writes').to.equal(0);

    const first = await pressCheckIn(worker, url);
    expect(first.status).to.equal(303);
    expect(first.headers.location).to.equal('/checkin');
    expect(mainText((await worker.get('/checkin')).text)).to.include('Terima kasih, Anda tercatat hadir.');
    const after = await worker.get(url).expect(200);
    expect(mainText(after.text)).to.include('Kehadiran Anda: Hadir (lewat kode QR');
    expect(after.text).not.to.include('att-checkin-button');

    const second = await worker.post(url).type('form').send(formBody({ _csrf: csrfFrom(after.text) }));
    expect(second.status).to.equal(303);
    expect(mainText((await worker.get('/checkin')).text)).to.include('Anda sudah absen untuk pertemuan ini');
    const rows = await Attendance.find({ meeting: meeting._id }).lean();
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ status: 'present', via: 'qr' });
    expect(String(rows[0]!.worker)).to.equal(siti.id);
  });

  it('refuses outside the window with 409 and says when it opens, in WIB', async () => {
    const { app, clock, qrUrl } = await setup();
    clock.set(new Date(START.getTime() - 31 * MIN));
    const worker = await signIn(app, 'siti@qr.test', PASSWORD);
    const res = await pressCheckIn(worker, qrUrl());
    expect(res.status).to.equal(409);
    expect(mainText(res.text)).to.include('Absen belum dibuka. Absen dibuka 2 Mar 2026, 07.30 WIB.');
    clock.set(at('2026-03-02', '12:00'));
    const closed = await pressCheckIn(worker, qrUrl());
    expect(closed.status).to.equal(409);
    expect(mainText(closed.text)).to.include('Absen sudah ditutup pada 2 Mar 2026, 12.00 WIB.');
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('refuses a worker not enrolled in the session with 403 and a clear message, in their language', async () => {
    const { app, url } = await setup();
    await createWorker({ email: 'other@qr.test' });
    await User.updateOne({ email: 'other@qr.test' }, { $set: { language: 'en' } });
    const other = await signIn(app, 'other@qr.test', PASSWORD);
    const res = await pressCheckIn(other, url);
    expect(res.status).to.equal(403);
    expect(mainText(res.text)).to.include('You are not enrolled in this class, so you cannot check in.');
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('answers 404 with a message for an unknown code, and sends a visitor to log in first', async () => {
    const { app, url } = await setup();
    const worker = await signIn(app, 'siti@qr.test', PASSWORD);
    const res = await worker.get(url.replace(/[^/]+$/, 'AAAAAAAAAAAAAAAAAAAAAA')).expect(404);
    expect(mainText(res.text)).to.include('Kode absen ini tidak dikenal.');
    await worker.get('/checkin/bad/1/token!').expect(404);
    const visitor = await request(app).get(url);
    expect(visitor.status).to.equal(303);
    expect(visitor.headers.location).to.equal(`/login?next=${encodeURIComponent(url)}`);
  });
});

describe('check-in QR code page', () => {
  it('shows a PNG QR code of the configured app URL, never the request host', async () => {
    const { app, meeting, url } = await setup();
    const ins = await signIn(app, 'ins@qr.test', PASSWORD);
    const res = await ins.get(`/meetings/${meeting.id}/checkin-code`).set('Host', 'evil.example').expect(200);
    expect(res.text).to.match(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="Kode QR untuk absen pertemuan ini"/);
    expect(mainText(res.text)).to.include(`${APP_URL}${url}`);
    expect(res.text).not.to.include('evil.example');
  });

  it('is refused to workers', async () => {
    const { app, meeting } = await setup();
    const worker = await signIn(app, 'siti@qr.test', PASSWORD);
    await worker.get(`/meetings/${meeting.id}/checkin-code`).expect(403);
  });
});

describe('session attendance summary page', () => {
  it('shows each meeting with its links and each worker with rate and outcome', async () => {
    const { app, clock, session, meeting, siti } = await setup();
    await Attendance.create({ meeting: meeting._id, session: session._id, worker: siti._id, status: 'late', via: 'manual' });
    await attendanceChanged({ sessions: [session._id] });
    clock.set(at('2026-03-02', '13:00'));
    await createUser({ email: 'koor@qr.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@qr.test', PASSWORD);
    const res = await koor.get(`/sessions/${session.id}/attendance`).expect(200);
    const text = mainText(res.text);
    expect(text).to.include('Sudah berlangsung').and.include('Hadir 0 · Terlambat 1 · Izin 0 · Tidak hadir 0');
    expect(text).to.match(/Siti Rahayu CV\. Bengkel Uji \d+ 1 1 0 0 100 % Selesai/);
    expect(text).to.include('minimal 80%');
    for (const page of ['attendance', 'sign-in-sheet', 'checkin-code']) {
      expect(res.text).to.include(`href="/meetings/${meeting.id}/${page}"`);
    }
  });

  it('is open to the session instructor and closed to a worker', async () => {
    const { app, session } = await setup();
    await (await signIn(app, 'ins@qr.test', PASSWORD)).get(`/sessions/${session.id}/attendance`).expect(200);
    await (await signIn(app, 'siti@qr.test', PASSWORD)).get(`/sessions/${session.id}/attendance`).expect(403);
  });
});
