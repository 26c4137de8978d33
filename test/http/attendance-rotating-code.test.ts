import { expect } from 'chai';
import { Attendance } from '../../src/modules/attendance';
import { CHECKIN_CODE_LIMIT } from '../../src/modules/attendance/attendance.routes';
import { clearOfWindowEdge } from '../support/rate-limits';
import { ManualClock } from '../../src/platform/clock';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, mainText, signIn, type Agent } from '../support/http';
import { at, createInstructor, createSession, createWorker, enroll } from '../support/attendance-factories';

const START = at('2026-03-02', '08:00'); // 08:00–12:00 WIB
const MIN = 60 * 1000;
const SEC = 1000;

async function setup() {
  const clock = new ManualClock(new Date(START.getTime() + 5 * MIN));
  const { app } = buildApp({ clock });
  const insUser = await createUser({ email: 'ins@rot.test', roles: ['instructor'] });
  const instructor = await createInstructor(insUser._id);
  const { session, meetings } = await createSession({ instructors: [instructor._id], starts: [START, at('2026-03-03', '08:00')] });
  const siti = await createWorker({ name: 'Siti Rahayu', email: 'siti@rot.test' });
  await enroll(session, siti);
  const ins = await signIn(app, 'ins@rot.test', PASSWORD);
  const worker = await signIn(app, 'siti@rot.test', PASSWORD);
  return { app, clock, session, meeting: meetings[0]!, tomorrow: meetings[1]!, siti, ins, worker };
}

/** What the instructor's QR screen shows now: the link inside the QR and the code to type. */
async function screen(ins: Agent, meetingId: string) {
  const res = await ins.get(`/meetings/${meetingId}/checkin-code`).expect(200);
  const url = /<code class="att-url">([^<]+)<\/code>/.exec(res.text)?.[1];
  const code = /<strong class="att-code"[^>]*>([0-9 ]+)<\/strong>/.exec(res.text)?.[1]?.replace(/ /g, '');
  if (!url || !code) throw new Error('no rotating code on the QR screen');
  return { url, path: url.slice(APP_URL.length), code, html: res.text };
}

async function scan(worker: Agent, path: string) {
  const page = await worker.get(path);
  return worker.post(path).type('form').send(formBody({ _csrf: csrfFrom(page.text) }));
}

async function typeCode(worker: Agent, code: string) {
  const page = await worker.get('/checkin').expect(200);
  return worker.post('/checkin').type('form').send(formBody({ _csrf: csrfFrom(page.text), code }));
}

describe('rotating check-in code (HTTP)', () => {
  it('accepts a fresh QR scan, and still one from the previous step, marking the worker present', async () => {
    const { clock, meeting, siti, ins, worker } = await setup();
    const { url, path } = await screen(ins, meeting.id);
    expect(url.startsWith(`${APP_URL}/checkin/`)).to.equal(true);
    clock.set(new Date(clock.now().getTime() + 30 * SEC));
    const res = await scan(worker, path);
    expect(res.status).to.equal(303);
    const rows = await Attendance.find({ meeting: meeting._id }).lean();
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ status: 'present', via: 'qr' });
    expect(String(rows[0]!.worker)).to.equal(siti.id);
    expect(mainText((await worker.get(res.headers.location!)).text)).to.include('Terima kasih, Anda tercatat hadir.');
  });

  it('refuses a QR scanned from an old photo with a clear message and writes nothing', async () => {
    const { clock, meeting, ins, worker } = await setup();
    const { path } = await screen(ins, meeting.id);
    clock.set(new Date(clock.now().getTime() + 61 * SEC));
    const page = await worker.get(path);
    expect(page.status).to.equal(409);
    expect(mainText(page.text)).to.include('Kode sudah kedaluwarsa, pindai kode yang sedang tampil');
    expect(page.text).not.to.include('att-checkin-button');
    const res = await worker.post(path).type('form').send(formBody({ _csrf: csrfFrom(page.text) }));
    expect(res.status).to.equal(409);
    expect(mainText(res.text)).to.include('Kode sudah kedaluwarsa, pindai kode yang sedang tampil');
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('refuses a forged signature with 404', async () => {
    const { meeting, ins, worker } = await setup();
    const { path } = await screen(ins, meeting.id);
    const forged = path.replace(/[^/]+$/, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect((await scan(worker, forged)).status).to.equal(404);
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('checks in with the typed 6-digit code, once: a second entry says already', async () => {
    const { meeting, ins, worker } = await setup();
    const { code, html } = await screen(ins, meeting.id);
    expect(code).to.match(/^\d{6}$/);
    expect(mainText(html)).to.include('/checkin');
    const first = await typeCode(worker, code.replace(/(\d{3})/, '$1 '));
    expect(first.status).to.equal(303);
    expect(mainText((await worker.get(first.headers.location!)).text)).to.include('Terima kasih, Anda tercatat hadir.');
    const second = await typeCode(worker, code);
    expect(second.status).to.equal(303);
    expect(mainText((await worker.get(second.headers.location!)).text)).to.include('Anda sudah absen untuk pertemuan ini');
    const rows = await Attendance.find({}).lean();
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ status: 'present', via: 'qr' });
    expect(String(rows[0]!.meeting)).to.equal(meeting.id);
  });

  it('refuses a typed code that is stale, of a meeting whose window is not open, or of another class', async () => {
    const { app, clock, meeting, tomorrow, ins, worker } = await setup();
    const now = clock.now();
    const { code: old } = await screen(ins, meeting.id);
    const { code: tomorrowCode } = await screen(ins, tomorrow.id);
    const other = await createSession({ starts: [START] });
    await createUser({ email: 'koor@rot.test', roles: ['coordinator'] });
    const koor = await signIn(app, 'koor@rot.test', PASSWORD);
    const { code: otherCode } = await screen(koor, other.meetings[0]!.id);
    for (const code of [tomorrowCode, otherCode]) {
      const res = await typeCode(worker, code);
      expect(res.status, code).to.equal(422);
      expect(mainText(res.text)).to.include('Kode salah atau sudah kedaluwarsa');
    }
    clock.set(new Date(now.getTime() + 61 * SEC));
    const stale = await typeCode(worker, old);
    expect(stale.status).to.equal(422);
    const junk = await typeCode(worker, '12ab');
    expect(junk.status).to.equal(422);
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('stops an account guessing typed codes: 10 wrong codes in parallel are checked, the rest get 429', async function () {
    this.timeout(60000);
    await clearOfWindowEdge(CHECKIN_CODE_LIMIT.windowMs);
    const { meeting, ins, worker } = await setup();
    const { code } = await screen(ins, meeting.id);
    const page = await worker.get('/checkin').expect(200);
    const token = csrfFrom(page.text);
    const wrong = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(wrong.map((c) => worker.post('/checkin').type('form').send(formBody({ _csrf: token, code: c }))));
    const counts = answers.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
    expect(counts).to.deep.equal({ 422: CHECKIN_CODE_LIMIT.limit, 429: 30 - CHECKIN_CODE_LIMIT.limit });
    // Still limited for the right code; the QR scan is not.
    expect((await worker.post('/checkin').type('form').send(formBody({ _csrf: token, code }))).status).to.equal(429);
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('shows the Hadir button only while the window is open', async () => {
    const { clock, meeting, ins, worker } = await setup();
    clock.set(new Date(START.getTime() - 40 * MIN));
    const { path } = await screen(ins, meeting.id);
    const early = await worker.get(path);
    expect(early.text).not.to.include('att-checkin-button');
    expect(mainText(early.text)).to.include('Absen belum dibuka');
    clock.set(new Date(START.getTime() - 10 * MIN));
    const fresh = await screen(ins, meeting.id);
    expect((await worker.get(fresh.path)).text).to.include('att-checkin-button');
  });

  it('refreshes the QR screen with the step and lists who has checked in', async () => {
    const { meeting, ins, worker } = await setup();
    const { path, html } = await screen(ins, meeting.id);
    expect(html).to.match(/<script src="\/assets\/js\/checkin-refresh\.[0-9a-f]{10}\.js" defer><\/script>/);
    expect(html).to.match(/data-refresh-ms="\d+"/);
    expect(html).not.to.match(/<script>/);
    await scan(worker, path);
    expect(mainText((await screen(ins, meeting.id)).html)).to.include('Sudah absen (1)').and.include('Siti Rahayu');
  });

  it('no longer checks anyone in through the old fixed link', async () => {
    const { meeting, worker } = await setup();
    const res = await worker.post(`/checkin/${meeting.checkinToken}`).type('form').send(formBody({ _csrf: csrfFrom((await worker.get('/checkin')).text) }));
    expect(res.status).to.equal(404);
    expect(await Attendance.countDocuments()).to.equal(0);
  });
});
