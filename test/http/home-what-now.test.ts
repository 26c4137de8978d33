import { expect } from 'chai';
import { Types } from 'mongoose';
import { Attendance, attendanceChanged } from '../../src/modules/attendance';
import { Course } from '../../src/modules/catalogue';
import { Enrollment, Seat, enrolmentsChanged } from '../../src/modules/scheduling';
import { Worker } from '../../src/modules/workers';
import { ManualClock } from '../../src/platform/clock';
import { buildApp, type TestContext } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { mainText, signIn } from '../support/http';
import { at, createInstructor, createSession, enroll } from '../support/attendance-factories';
import { createCertificate } from '../support/certificates-factories';
import { createProfile, createUnit, createWorker, recordAssessment } from '../support/competencies-factories';
import { reportsFixture } from '../support/reports-factories';
import { shareStampReads } from '../../src/platform/db/collection-cache';
import { commandsDuring } from '../support/db-commands';

/** Monday 2 March 2026, 06:00 WIB. */
const NOW = at('2026-03-02', '06:00');
const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
/** Database commands per home (README.md), beyond the caps of the lists they read. */
const WORKER_HOME_COMMANDS = 10;
const COORDINATOR_HOME_COMMANDS = 13;
// 30 of them point reads of `session-attendance`, `session-roster` and `session-posts`, one each per
// class with an ended meeting in the last 30 days (at most 10 classes).
const INSTRUCTOR_HOME_COMMANDS = 38;
const MANAGER_HOME_COMMANDS = 3;

/** A course targeting `units`, for a class that closes a skill gap. */
async function courseTeaching(units: { unit: Types.ObjectId; level: number }[], title: string) {
  return Course.create({ code: `GAP-${new Types.ObjectId().toHexString().slice(-6)}`, title: { id: title, en: title }, trade: 'welding', durationHours: 16, units });
}

/**
 * Siti: a class in 2 hours, a certificate whose last day is in 21 days, a skill gap that an open
 * class closes and one that none does, an unread notice. Budi (another workshop): his own of each.
 */
async function workerFixture(ctx: TestContext, clock: ManualClock) {
  const u1 = await createUnit({ title: { id: 'Mengelas pelat posisi datar', en: 'Weld plate, flat position' } });
  const u2 = await createUnit({ title: { id: 'Membaca gambar teknik', en: 'Read technical drawings' } });
  await createProfile({ position: 'Juru las SMAW 3G', requirements: [{ unit: u1._id, level: 3 }, { unit: u2._id, level: 2 }] });
  const siti = await createWorker({ name: 'Siti Rahayu', email: 'siti@home.test' });
  const budi = await createWorker({ name: 'Budi Santoso', email: 'budi@home.test' });
  const mine = await createSession({ starts: [new Date(NOW.getTime() + 2 * HOUR)], course: await Course.create({ code: 'LAS-HOME', title: { id: 'Las Pagi Siti', en: 'Siti Morning Welding' }, trade: 'welding', durationHours: 4 }) });
  await enroll(mine.session, siti);
  const his = await createSession({ starts: [new Date(NOW.getTime() + 3 * HOUR)], course: await Course.create({ code: 'LAS-BUDI', title: { id: 'Kelas Rahasia Budi', en: 'Budi Secret Class' }, trade: 'welding', durationHours: 4 }) });
  await enroll(his.session, budi);
  const gapCourse = await courseTeaching([{ unit: u1._id, level: 3 }], 'Pengelasan Pelat Lanjutan');
  const gapClass = await createSession({ course: gapCourse, starts: [new Date(NOW.getTime() + 10 * DAY)] });
  const cert = await createCertificate(clock, { worker: siti, issueDate: '2023-03-23' });
  const budiCert = await createCertificate(clock, { worker: budi, issueDate: '2023-03-12' });
  await ctx.services.notifications.service.notifyWorkers([String(siti._id)], {
    key: 'home-test', kind: 'meeting-added', params: { course_id: 'Las Pagi Siti', course_en: 'Siti Morning Welding', new: new Date(NOW.getTime() + 2 * HOUR).toISOString() }, link: `/sessions/${mine.session.id}`,
  });
  return { siti, budi, mine, his, gapClass, cert, budiCert, u1, u2 };
}

describe('home pages that say what to do next', () => {
  it('shows a worker their class in 2 hours, the certificate ending in 21 days, gaps with classes, unread notices — and nobody else\'s', async () => {
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ clock });
    const f = await workerFixture(ctx, clock);
    const siti = await signIn(ctx.app, 'siti@home.test', PASSWORD);
    const page = (await siti.get('/home/worker').expect(200)).text;
    const text = mainText(page);

    expect(text).to.include('Las Pagi Siti').and.include('Senin, 2 Mar 2026, 08.00–12.00 WIB');
    expect(page).to.include(`href="/sessions/${f.mine.session.id}"`);
    // 06:00: check-in opens at 07:30 (30 minutes before), so no button yet.
    expect(text).to.include('Absen dibuka 07.30 WIB');
    expect(page).not.to.include('data-checkin');

    expect(page).to.include(`href="/certificates/${f.cert.id}"`);
    expect(text).to.include('Segera berakhir').and.include('sisa 21 hari').and.include(f.cert.number);

    expect(page).to.match(new RegExp(`data-gap-unit="${f.u1.id}"[^]*?href="/sessions/${f.gapClass.session.id}"`));
    expect(text).to.include('Kurang 3 level').and.include('Pengelasan Pelat Lanjutan');
    expect(page).to.match(new RegExp(`data-gap-unit="${f.u2.id}"[^]*?Belum ada kelas terbuka untuk unit ini`));

    expect(text).to.include('1 belum dibaca').and.include('Kelas Las Pagi Siti mendapat pertemuan tambahan');
    expect(page).to.include('href="/inbox"');

    for (const other of ['Kelas Rahasia Budi', f.his.session.id, f.budiCert.id, f.budiCert.number]) expect(page, other).not.to.include(other);

    // 07:45: the window is open, so the page offers check-in.
    clock.set(new Date(NOW.getTime() + 105 * 60 * 1000));
    const open = (await siti.get('/home/worker').expect(200)).text;
    expect(open).to.match(/<a class="button primary" href="\/checkin\/scan" data-checkin>Absen sekarang<\/a>/);

    // Budi sees his own, never Siti's.
    const budi = (await (await signIn(ctx.app, 'budi@home.test', PASSWORD)).get('/home/worker').expect(200)).text;
    expect(budi).to.include('Kelas Rahasia Budi').and.include(`href="/certificates/${f.budiCert.id}"`);
    for (const other of ['Las Pagi Siti', f.cert.id, f.mine.session.id]) expect(budi, other).not.to.include(other);
  });

  it('says something useful when a worker has nothing to do', async () => {
    const ctx = buildApp({ clock: new ManualClock(NOW) });
    await createWorker({ email: 'idle@home.test', position: '' });
    const text = mainText((await (await signIn(ctx.app, 'idle@home.test', PASSWORD)).get('/home/worker').expect(200)).text);
    expect(text).to.include('Tidak ada kelas Anda dalam 60 hari ke depan.').and.include('Cari kelas terbuka');
    expect(text).to.include('Tidak ada pemberitahuan baru.').and.include('Tidak ada sertifikat Anda yang berakhir dalam 90 hari.');
  });

  it('links each skill gap on /my/skills to the open class that closes it, or says none is open', async () => {
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ clock });
    const f = await workerFixture(ctx, clock);
    const page = (await (await signIn(ctx.app, 'siti@home.test', PASSWORD)).get('/my/skills').expect(200)).text;
    expect(page).to.include(`data-gap-class="${f.gapClass.session.id}"`).and.include(`href="/sessions/${f.gapClass.session.id}"`);
    expect(mainText(page)).to.include('Kelas terbuka yang menutup kekurangan ini').and.include('Belum ada kelas terbuka untuk unit ini.');
  });

  it('shows an instructor today\'s meetings with register and QR links, registers left open and assessments to record', async () => {
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ clock });
    const user = await createUser({ email: 'ins@home.test', roles: ['instructor'] });
    const me = await createInstructor(user._id);
    const other = await createInstructor();
    const worker = await createWorker();
    const unit = await createUnit();
    const today = await createSession({ instructors: [me._id], starts: [new Date(NOW.getTime() + 2 * HOUR)] });
    await enroll(today.session, worker);
    const course = await courseTeaching([{ unit: unit._id, level: 3 }], 'Kelas Minggu Lalu');
    const past = await createSession({ course, instructors: [me._id], starts: [new Date(NOW.getTime() - 3 * DAY), new Date(NOW.getTime() - 2 * DAY)] });
    const pastEnrolment = await enroll(past.session, worker);
    await Attendance.create({ meeting: past.meetings[1]!._id, session: past.session._id, worker: worker._id, status: 'present', via: 'manual' });
    await attendanceChanged({ sessions: [past.session._id] });
    const theirs = await createSession({ instructors: [other._id], starts: [new Date(NOW.getTime() + HOUR)], course: await Course.create({ code: 'LAIN-1', title: { id: 'Kelas Instruktur Lain', en: 'Other Class' }, trade: 'welding', durationHours: 4 }) });

    const page = (await (await signIn(ctx.app, 'ins@home.test', PASSWORD)).get('/home/instructor').expect(200)).text;
    const m = today.meetings[0]!.id;
    expect(page).to.include(`href="/meetings/${m}/attendance"`).and.include(`href="/meetings/${m}/checkin-code"`);
    expect(page).to.include(`data-register="${past.meetings[0]!.id}"`).and.include(`href="/meetings/${past.meetings[0]!.id}/attendance"`);
    expect(page, 'a register with attendance is not left open').not.to.include(`data-register="${past.meetings[1]!.id}"`);
    expect(page).to.include(`href="/sessions/${past.session.id}/assessments"`);
    expect(mainText(page)).to.include('0 dari 1 penilaian akhir tercatat');
    expect(page).not.to.include('Kelas Instruktur Lain').and.not.to.include(theirs.meetings[0]!.id);

    // A pre-assessment does not count; the post-assessment recorded, the class leaves the list.
    const assess = (kind: 'pre' | 'post') => recordAssessment({ kind, enrollment: pastEnrolment, course: course._id, unit: unit._id, level: 2, assessedAt: new Date(NOW.getTime() - DAY) });
    await assess('pre');
    const instructorHome = async () => (await (await signIn(ctx.app, 'ins@home.test', PASSWORD)).get('/home/instructor').expect(200)).text;
    expect(mainText(await instructorHome())).to.include('0 dari 1 penilaian akhir tercatat');
    await assess('post');
    expect(await instructorHome()).not.to.include(`href="/sessions/${past.session.id}/assessments"`);
  });

  it('shows a coordinator today, registers not taken, classes filling up, certificates ending in 30 days and people no notice reaches', async () => {
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ clock });
    await createUser({ email: 'koor@home.test', roles: ['coordinator'] });
    const shop = await createWorkshop();
    const people = await Promise.all(Array.from({ length: 5 }, (_, i) => Worker.create({ name: `Peserta ${i}`, workshop: shop._id, email: `p${i}@home.test` })));
    const today = await createSession({ starts: [new Date(NOW.getTime() + 2 * HOUR)] });
    const past = await createSession({ starts: [new Date(NOW.getTime() - 2 * DAY)] });
    const filling = await createSession({ starts: [new Date(NOW.getTime() + 5 * DAY)] });
    for (const [i, p] of people.entries()) {
      const e = await Enrollment.create({ session: filling.session._id, worker: p._id, status: 'enrolled', requestedBy: 'coordinator' });
      await Seat.create({ session: filling.session._id, no: i + 1, enrollment: e._id });
    }
    await enrolmentsChanged({ sessions: [filling.session._id] });
    const quiet = await createSession({ starts: [new Date(NOW.getTime() + 6 * DAY)] });
    const waiting = await createSession({ starts: [new Date(NOW.getTime() + 7 * DAY)] });
    await enroll(waiting.session, people[0]!, 'waitlisted');
    const holder = await createWorker({ name: 'Pemegang Sertifikat' });
    const soon = await createCertificate(clock, { worker: holder, issueDate: '2023-03-23' });
    const later = await createCertificate(clock, { worker: holder, issueDate: '2023-05-01' });
    const lost = await Worker.create({ name: 'Tarno Tanpa Email', workshop: shop._id });
    await ctx.services.notifications.service.notifyWorkers([String(lost._id)], { key: 'home-unreach', kind: 'meeting-added', params: { course_id: 'X', new: NOW.toISOString() } });

    const page = (await (await signIn(ctx.app, 'koor@home.test', PASSWORD)).get('/home/coordinator').expect(200)).text;
    expect(page).to.include(`href="/meetings/${today.meetings[0]!.id}/attendance"`);
    expect(page).to.include(`data-register="${past.meetings[0]!.id}"`);
    // capacity 12: 5 seats are not 80 %; 10 would be — this class has 5, so it must not be listed…
    expect(page).not.to.include(`data-class="${filling.session.id}"`);
    expect(page).to.include(`data-class="${waiting.session.id}"`).and.not.to.include(`data-class="${quiet.session.id}"`);
    expect(mainText(page)).to.include('1 di daftar tunggu');
    expect(page).to.include(`href="/certificates/${soon.id}"`).and.not.to.include(later.id);
    expect(mainText(page)).to.include('Pemegang Sertifikat: berakhir').and.include('sisa 21 hari');
    expect(mainText(page)).to.include('Tarno Tanpa Email: 1 pemberitahuan belum terbaca');
    expect(page).to.include('href="/notifications/unreachable"');

    // …and at 10 of 12 seats (≥ 80 %) it is.
    for (let i = 5; i < 10; i++) {
      const w = await Worker.create({ name: `Peserta ${i}`, workshop: shop._id, email: `p${i}@home.test` });
      const e = await Enrollment.create({ session: filling.session._id, worker: w._id, status: 'enrolled', requestedBy: 'coordinator' });
      await Seat.create({ session: filling.session._id, no: i + 1, enrollment: e._id });
    }
    await enrolmentsChanged({ sessions: [filling.session._id] });
    const after = (await (await signIn(ctx.app, 'koor@home.test', PASSWORD)).get('/home/coordinator').expect(200)).text;
    expect(after).to.include(`data-class="${filling.session.id}"`);
    expect(mainText(after)).to.include('10 dari 12 kursi terisi');
  });

  it('shows a manager their workshop\'s headline figures from the snapshot and the link to the reports, nothing of another workshop', async () => {
    const clock = new ManualClock(new Date('2026-06-15T12:00:00+07:00'));
    const ctx = buildApp({ clock });
    const f = await reportsFixture(clock);
    const before = (await (await signIn(ctx.app, 'manajer.alfa@takaru.test', PASSWORD)).get('/home/manager').expect(200)).text;
    expect(mainText(before)).to.include('Angka hari ini belum dihitung');
    expect(before).to.include('href="/reports"');

    await ctx.services.reports.snapshots.build();
    const alfa = (await (await signIn(ctx.app, 'manajer.alfa@takaru.test', PASSWORD)).get('/home/manager').expect(200)).text;
    expect(alfa).to.match(/data-metric="workers"><span class="stat-value">2<\/span>/);
    expect(alfa).to.include('data-metric="certified_share"').and.include('<a class="button primary" href="/reports" data-reports-link>');
    expect(alfa).to.include(`href="/certificates/${f.cert.id}"`);
    const beta = (await (await signIn(ctx.app, 'manajer.beta@takaru.test', PASSWORD)).get('/home/manager').expect(200)).text;
    expect(beta).to.match(/data-metric="workers"><span class="stat-value">1<\/span>/);
    expect(beta).not.to.include(f.cert.id).and.not.to.include('Sutarno Alfa');
  });

  it('reads the database a fixed number of times whatever the history', async function () {
    this.timeout(180_000);
    const clock = new ManualClock(NOW);
    const ctx = buildApp({ clock });
    const f = await workerFixture(ctx, clock);
    const coord = await createUser({ email: 'koor2@home.test', roles: ['coordinator'] });
    const userId = (await Worker.findById(f.siti._id).lean())!.user!;
    const actor = { id: String(userId), roles: ['worker'] };
    const coordinator = { id: coord.id, roles: ['coordinator'] };
    const insUser = await createUser({ email: 'ins2@home.test', roles: ['instructor'] });
    const ins = await createInstructor(insUser._id);
    const instructor = { id: insUser.id, roles: ['instructor'] };
    const shop = String((await Worker.findById(f.siti._id).lean())!.workshop);
    const manager = { id: (await createUser({ roles: ['manager'], workshop: new Types.ObjectId(shop) })).id, roles: ['manager'], workshopId: shop };
    const count = async (fn: () => Promise<unknown>) => {
      await fn(); // warm the process caches (worker links, catalogue), as for a signed-in user
      // As a request runs it (app.ts): one reading of the cache stamps for the whole home.
      return (await commandsDuring(() => shareStampReads(fn))).length;
    };
    let made = 0;
    /** Past classes the worker attended, old certificates and notices: history that only grows. */
    const addHistory = async (n: number) => {
      for (let i = 0; i < n; i++, made++) {
        const s = await createSession({ instructors: [ins._id], starts: [new Date(NOW.getTime() - (20 + made) * DAY)] });
        await enroll(s.session, f.siti);
        await Attendance.create({ meeting: s.meetings[0]!._id, session: s.session._id, worker: f.siti._id, status: 'present', via: 'manual' });
        await attendanceChanged({ sessions: [s.session._id] });
        if (made % 5 === 0) await createCertificate(clock, { worker: f.siti, issueDate: `2025-${String((made % 12) + 1).padStart(2, '0')}-10` });
        await ctx.services.notifications.service.notifyWorkers([String(f.siti._id)], { key: `more-${made}`, kind: 'meeting-added', params: { course_id: 'X', new: NOW.toISOString() } });
      }
    };
    const measure = async () => ({
      worker: await count(() => ctx.services.home.workerHome(actor, 'id')),
      instructor: await count(() => ctx.services.home.instructorHome(instructor, 'id')),
      coordinator: await count(() => ctx.services.home.coordinatorHome(coordinator, 'id')),
      manager: await count(() => ctx.services.home.managerHome(manager)),
    });

    await addHistory(30);
    const some = await measure();
    await addHistory(30);
    const more = await measure();
    expect(more).to.deep.equal(some);
    if (process.env.HOME_COUNTS) console.log('commands per home', some);
    // The figures README.md gives (worst case; see there).
    expect(some.worker).to.be.at.most(WORKER_HOME_COMMANDS);
    expect(some.coordinator).to.be.at.most(COORDINATOR_HOME_COMMANDS);
    expect(some.instructor).to.be.at.most(INSTRUCTOR_HOME_COMMANDS);
    expect(some.manager).to.be.at.most(MANAGER_HOME_COMMANDS);
    const home = await ctx.services.home.workerHome(actor, 'id');
    expect(home.notices).to.have.length(3);
    expect(home.certificates.items.length).to.be.at.most(3);
  });
});
