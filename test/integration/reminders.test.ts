import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { Notification, notificationsJobs } from '../../src/modules/notifications';
import { Enrollment, Meeting, TrainingSession } from '../../src/modules/scheduling';
import { APP_URL, buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { makeCourse, makeInstructor, makeRoom, makeSession } from '../support/scheduling-factories';
import { RestartableSink, recipientOf } from '../support/notifications-sink';
import { accountWorker, pendingIds, recordWorker, runJobs } from '../support/notifications-factories';

const NOW = '2026-12-01T02:00:00Z'; // Tuesday 09:00 WIB
const HOUR = 3600 * 1000;
const at = (hours: number) => new Date(Date.parse(NOW) + hours * HOUR);

describe('class reminders', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());
  beforeEach(() => sink.clear());

  /** A class with one worker who has an English account, one worker record (Indonesian) and an instructor with an account. */
  async function setup(clock = new ManualClock(NOW)) {
    const ctx = buildApp({ smtpUrl: sink.url, clock });
    const budi = await accountWorker({ email: 'budi@takaru.test', language: 'en', name: 'Budi Santoso' });
    const siti = await recordWorker({ email: 'siti@pekerja.takaru.test', name: 'Siti Aminah' });
    const teacher = await createUser({ email: 'guru@takaru.test', roles: ['instructor'], name: 'Pak Guru' });
    const instructor = await makeInstructor({ user: teacher._id });
    const course = await makeCourse({ code: 'LAS-01', title: { id: 'Las Dasar', en: 'Basic Welding' } });
    const room = await makeRoom({ name: 'Bengkel Las 3' });
    const session = await makeSession({ start: at(20), meetings: 2, course: course._id, room: room._id, instructors: [instructor._id] });
    for (const w of [budi.worker, siti]) await Enrollment.create({ session: session._id, worker: w._id, status: 'enrolled', requestedBy: 'coordinator' });
    const meetings = await Meeting.find({ session: session._id }).sort({ start: 1 }).lean();
    return { ...ctx, clock, session, meetings, budi, siti };
  }

  async function deliverAll(ctx: Awaited<ReturnType<typeof setup>>) {
    for (const id of await pendingIds()) await ctx.services.notifications.delivery.deliver(id, { final: false, fresh: true });
  }

  it('reminds each enrolled worker 24 h and 2 h before a meeting and the instructor the day before; scanning again records nothing', async () => {
    const ctx = await setup();
    const reminders = ctx.services.reminders.service;
    expect(await reminders.scanMeetings()).to.deep.equal({ workers: 2, instructors: 1 });
    expect(await reminders.scanMeetings()).to.deep.equal({ workers: 0, instructors: 0 });
    const [first, second] = ctx.meetings.map((m) => String(m._id));
    const keys = (await Notification.find({}, { key: 1 }).lean()).map((n) => n.key).sort();
    expect(keys).to.deep.equal(
      [
        `class-reminder:${first}:${at(20).getTime()}:24h:${String(ctx.budi.worker._id)}`,
        `class-reminder:${first}:${at(20).getTime()}:24h:${String(ctx.siti._id)}`,
        `instructor-reminder:${first}:${at(20).getTime()}:${(await Notification.findOne({ kind: 'instructor-reminder' }).lean())!.user}`,
      ].sort(),
    );
    // 18 hours later the first meeting is 2 h away; 3 hours after that it has begun and the second
    // one (a day after the first) is within 24 h.
    ctx.clock.advance(18 * HOUR);
    expect(await reminders.scanMeetings()).to.deep.equal({ workers: 2, instructors: 0 });
    ctx.clock.advance(3 * HOUR);
    expect(await reminders.scanMeetings()).to.deep.equal({ workers: 2, instructors: 1 });
    expect(await reminders.scanMeetings()).to.deep.equal({ workers: 0, instructors: 0 });
    const labels = (await Notification.find({ kind: 'class-reminder' }).lean()).map((n) => {
      const p = n.params as Record<string, string>;
      return `${p.meeting === first ? 1 : p.meeting === second ? 2 : '?'}:${p.offset}`;
    });
    expect(labels.sort()).to.deep.equal(['1:24h', '1:24h', '1:2h', '1:2h', '2:24h', '2:24h']);
  });

  it('emails each reminder kind to the right address in the right language, with the subject and an absolute link', async () => {
    const ctx = await setup();
    await ctx.services.reminders.service.scanMeetings();
    await deliverAll(ctx);
    const mails = new Map((await sink.waitFor(3)).map((m) => [recipientOf(m), m]));
    const budi = mails.get('budi@takaru.test')!;
    expect(budi.subject).to.equal('Reminder: LAS-01 Basic Welding starts 2 Dec 2026, 05:00 WIB');
    expect(budi.text).to.include('Hello Budi Santoso').and.include('tomorrow').and.include('Bengkel Las 3').and.include('Wednesday');
    expect(budi.text).to.include(`${APP_URL}/sessions/${String(ctx.session._id)}`);
    expect(budi.text).to.include(`${APP_URL}/account/preferences`);
    expect(budi.html).to.include('<html lang="en">');
    const siti = mails.get('siti@pekerja.takaru.test')!;
    expect(siti.subject).to.equal('Pengingat: LAS-01 Las Dasar dimulai 2 Des 2026, 05.00 WIB');
    expect(siti.text).to.include('Halo Siti Aminah').and.include('Rabu');
    const guru = mails.get('guru@takaru.test')!;
    expect(guru.subject).to.equal('Anda mengajar LAS-01 Las Dasar pada 2 Des 2026, 05.00 WIB');
    expect(guru.text).to.include('Peserta (2)').and.include('1. Budi Santoso').and.include('2. Siti Aminah');
    expect(guru.text).to.include(`${APP_URL}/meetings/${String(ctx.meetings[0]!._id)}/attendance`);
  });

  it('sends the 2-hour reminder alone to a worker enrolled late, and none once the class has begun', async () => {
    const ctx = await setup(new ManualClock(at(19)));
    const reminders = ctx.services.reminders.service;
    expect(await reminders.scanMeetings()).to.deep.equal({ workers: 2, instructors: 1 });
    expect((await Notification.find({ kind: 'class-reminder' }).lean()).map((n) => (n.params as Record<string, string>).offset)).to.deep.equal(['2h', '2h']);
    ctx.clock.set(at(20.5));
    await deliverAll(ctx);
    expect(new Set((await Notification.find().lean()).map((n) => n.email?.status))).to.deep.equal(new Set(['expired']));
    expect(sink.messages).to.have.length(0);
  });

  it('reminds nobody of a cancelled class or meeting, nor wait-listed workers', async () => {
    const ctx = await setup();
    const late = await recordWorker({ email: 'tunggu@takaru.test' });
    await Enrollment.create({ session: ctx.session._id, worker: late._id, status: 'waitlisted', requestedBy: 'worker', waitlistedAt: at(-1) });
    await Meeting.updateOne({ _id: ctx.meetings[0]!._id }, { $set: { cancelled: true } });
    expect(await ctx.services.reminders.service.scanMeetings()).to.deep.equal({ workers: 0, instructors: 0 });
    ctx.clock.advance(18 * HOUR);
    await TrainingSession.updateOne({ _id: ctx.session._id }, { $set: { state: 'cancelled' } });
    expect(await ctx.services.reminders.service.scanMeetings()).to.deep.equal({ workers: 0, instructors: 0 });
  });

  it('does not email a reminder for the old time of a moved meeting, and reminds of the new time', async () => {
    const ctx = await setup();
    await ctx.services.reminders.service.scanMeetings();
    await Meeting.updateOne({ _id: ctx.meetings[0]!._id }, { $set: { start: at(22), end: at(26) } });
    await deliverAll(ctx);
    expect(sink.messages).to.have.length(0);
    expect(await ctx.services.reminders.service.scanMeetings()).to.deep.equal({ workers: 2, instructors: 1 });
    await deliverAll(ctx);
    // 22 h after 09:00 WIB Tuesday: 07:00 WIB Wednesday.
    expect((await sink.waitFor(3)).map((m) => /07[.:]00 WIB/.test(m.subject ?? ''))).to.deep.equal([true, true, true]);
  });

  it('runs the scan when the job runner starts and emails the reminders through Agenda; a restart sends nothing again', async function () {
    this.timeout(60000);
    const ctx = await setup(new ManualClock(at(0)));
    const jobs = () => [...ctx.services.reminders.jobs, ...notificationsJobs(ctx.services.notifications)];
    let runner = await runJobs(jobs(), undefined, 200);
    try {
      await sink.waitFor(3, 30000);
    } finally {
      await runner.stop(5000);
    }
    runner = await runJobs(jobs(), undefined, 200);
    await new Promise((r) => setTimeout(r, 3000));
    await runner.stop(5000);
    expect(sink.messages.map(recipientOf).sort()).to.deep.equal(['budi@takaru.test', 'guru@takaru.test', 'siti@pekerja.takaru.test']);
  });
});
