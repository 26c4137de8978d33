import { expect } from 'chai';
import request from 'supertest';
import { Attendance } from '../../src/modules/attendance';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, mainText, signIn, submitForm } from '../support/http';
import { createInstructor, createSession, createWorker, enroll } from '../support/attendance-factories';

const HOUR = 3600 * 1000;

/** A meeting that started an hour ago, two enrolled workers, one wait-listed, and the people around it. */
async function setup() {
  const clock = new ManualClock(new Date());
  const { app } = buildApp({ clock });
  const teacherUser = await createUser({ email: 'ins@att.test', roles: ['instructor'] });
  const teacher = await createInstructor(teacherUser._id, 'Pak Darto');
  const { session, meetings } = await createSession({ instructors: [teacher._id], starts: [new Date(clock.now().getTime() - HOUR)] });
  const shop = await createWorkshop({ name: 'Logam Jaya Uji', legalForm: 'CV' });
  const siti = await createWorker({ name: 'Siti Rahayu', workshop: shop._id, email: 'siti@att.test' });
  const budi = await createWorker({ name: 'Budi Santoso', email: 'budi@att.test' });
  const waiting = await createWorker({ name: 'Wawan Tunggu' });
  await enroll(session, siti);
  await enroll(session, budi);
  await enroll(session, waiting, 'waitlisted');
  await createUser({ email: 'koor@att.test', roles: ['coordinator'] });
  const meeting = meetings[0]!;
  const page = `/meetings/${meeting.id}/attendance`;
  return { app, clock, session, meeting, page, siti, budi, waiting, teacherUser };
}

describe('attendance register (HTTP)', () => {
  it('lets a coordinator record everyone at once, then shows the saved choices', async () => {
    const { app, page, siti, budi, waiting } = await setup();
    const koor = await signIn(app, 'koor@att.test', PASSWORD);
    const form = await koor.get(page).expect(200);
    const text = mainText(form.text);
    expect(text).to.include('Siti Rahayu').and.include('Budi Santoso').and.include('CV. Logam Jaya Uji');
    expect(text).not.to.include('Wawan Tunggu');
    expect(form.text).to.match(/<fieldset[^>]*>\s*<legend>/);

    const res = await submitForm(koor, page, page, { [`status_${siti.id}`]: 'present', [`status_${budi.id}`]: 'excused' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(page);
    const saved = await Attendance.find({}).lean();
    expect(saved.map((a) => [String(a.worker), a.status, a.via]).sort()).to.deep.equal(
      [[budi.id, 'excused', 'manual'], [siti.id, 'present', 'manual']].sort(),
    );
    const after = await koor.get(page).expect(200);
    expect(mainText(after.text)).to.include('Daftar hadir disimpan (2 perubahan).');
    expect(after.text).to.match(new RegExp(`name="status_${siti.id}" value="present" checked`));
    expect(after.text).to.match(new RegExp(`name="status_${budi.id}" value="excused" checked`));
  });

  it('lets the instructor of the meeting take attendance', async () => {
    const { app, page, siti } = await setup();
    const ins = await signIn(app, 'ins@att.test', PASSWORD);
    const res = await submitForm(ins, page, page, { [`status_${siti.id}`]: 'late' });
    expect(res.status).to.equal(303);
    expect(await Attendance.findOne({ worker: siti._id }).lean()).to.include({ status: 'late' });
  });

  it('refuses an unknown status with 422 and a message, writing nothing', async () => {
    const { app, page, siti, budi } = await setup();
    const koor = await signIn(app, 'koor@att.test', PASSWORD);
    const res = await submitForm(koor, page, page, { [`status_${siti.id}`]: 'present', [`status_${budi.id}`]: 'sakit' });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Pilih salah satu: Hadir, Terlambat, Tidak hadir, atau Izin.');
    expect(res.text).to.match(new RegExp(`name="status_${siti.id}" value="present" checked`));
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('refuses a worker who is not enrolled (wait-listed) with 422, writing nothing', async () => {
    const { app, page, siti, waiting } = await setup();
    const koor = await signIn(app, 'koor@att.test', PASSWORD);
    const res = await submitForm(koor, page, page, { [`status_${siti.id}`]: 'present', [`status_${waiting.id}`]: 'present' });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Ada pekerja yang tidak terdaftar di kelas ini; tidak ada yang disimpan.');
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('refuses an empty form with 422', async () => {
    const { app, page } = await setup();
    const koor = await signIn(app, 'koor@att.test', PASSWORD);
    const res = await submitForm(koor, page, page, {});
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Tandai kehadiran minimal satu peserta.');
  });

  it('answers in English for an English account', async () => {
    const { app, page, siti } = await setup();
    await createUser({ email: 'en@att.test', roles: ['coordinator'], language: 'en' });
    const en = await signIn(app, 'en@att.test', PASSWORD);
    const res = await submitForm(en, page, page, { [`status_${siti.id}`]: 'maybe' });
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Choose one: Present, Late, Absent or Excused.');
  });
});

describe('attendance register: who may take attendance', () => {
  it('refuses a worker (403), even one enrolled in the class, and writes nothing', async () => {
    const { app, page, siti } = await setup();
    const worker = await signIn(app, 'siti@att.test', PASSWORD);
    await worker.get(page).expect(403);
    const token = csrfFrom((await worker.get('/account/password')).text);
    await worker.post(page).type('form').send(formBody({ _csrf: token, [`status_${siti.id}`]: 'present' })).expect(403);
    await worker.get(page.replace('attendance', 'sign-in-sheet')).expect(403);
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('refuses an instructor of another session (403), on every page of the meeting', async () => {
    const { app, page, siti, session } = await setup();
    const otherUser = await createUser({ email: 'lain@att.test', roles: ['instructor'] });
    const other = await createInstructor(otherUser._id);
    await createSession({ instructors: [other._id] });
    const ins = await signIn(app, 'lain@att.test', PASSWORD);
    await ins.get(page).expect(403);
    await ins.get(page.replace('attendance', 'sign-in-sheet')).expect(403);
    await ins.get(page.replace('attendance', 'checkin-code')).expect(403);
    await ins.get(`/sessions/${session.id}/attendance`).expect(403);
    const token = csrfFrom((await ins.get('/account/password')).text);
    await ins.post(page).type('form').send(formBody({ _csrf: token, [`status_${siti.id}`]: 'present' })).expect(403);
    expect(await Attendance.countDocuments()).to.equal(0);
  });

  it('refuses a manager (403) and sends a visitor to the login page', async () => {
    const { app, page } = await setup();
    await createUser({ email: 'man@att.test', roles: ['manager'] });
    const manager = await signIn(app, 'man@att.test', PASSWORD);
    await manager.get(page).expect(403);
    const res = await request(app).get(page);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/login\?next=/);
  });

  it('answers 404 for a meeting that does not exist', async () => {
    const { app } = await setup();
    const koor = await signIn(app, 'koor@att.test', PASSWORD);
    await koor.get('/meetings/0123456789abcdef01234567/attendance').expect(404);
    await koor.get('/meetings/not-an-id/attendance').expect(404);
  });
});

describe('sign-in sheet', () => {
  it('lists the enrolled workers with their workshops, and an empty signature column', async () => {
    const { app, meeting } = await setup();
    const ins = await signIn(app, 'ins@att.test', PASSWORD);
    const res = await ins.get(`/meetings/${meeting.id}/sign-in-sheet`).expect(200);
    const text = mainText(res.text);
    expect(text).to.include('Lembar tanda tangan hadir');
    expect(text).to.match(/1 Budi Santoso CV\. Bengkel Uji \d+ 2 Siti/);
    expect(text).to.include('2 Siti Rahayu CV. Logam Jaya Uji');
    expect(text).not.to.include('Wawan Tunggu');
    expect(text).to.include('Pak Darto');
    expect(text).to.include('WIB');
    expect(res.text).to.include('<th scope="col" class="sheet-sign">Tanda tangan</th>');
    expect(res.text).to.match(/<td class="sheet-sign" data-label="Tanda tangan"><\/td>/);
  });
});
