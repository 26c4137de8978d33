import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { Delivery, Notification } from '../../src/modules/notifications';
import { Enrollment, Meeting } from '../../src/modules/scheduling';
import { APP_URL, buildApp } from '../support/harness';
import { createUser } from '../support/factories';
import { makeCourse, makeSession } from '../support/scheduling-factories';
import { RestartableSink, noticeOf, recipientOf } from '../support/notifications-sink';
import { accountWorker, pendingIds, recordWorker } from '../support/notifications-factories';

const NOW = '2026-12-01T02:00:00Z'; // Tuesday 09:00 WIB
const HOUR = 3600 * 1000;
const coordinator = { id: '000000000000000000000001', roles: ['coordinator'] };
const admin = { id: '000000000000000000000002', roles: ['admin'] };

describe('notification email delivery', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());
  beforeEach(() => sink.clear());

  function app() {
    const clock = new ManualClock(NOW);
    return { ...buildApp({ smtpUrl: sink.url, clock }), clock };
  }

  async function deliverAll(ctx: ReturnType<typeof app>) {
    for (const id of await pendingIds()) await ctx.services.notifications.delivery.deliver(id, { final: false, fresh: true });
  }

  it('emails cancelled and moved classes to the right address, in the reader language, with the subject and an absolute link', async () => {
    const ctx = app();
    const en = await accountWorker({ email: 'budi@takaru.test', language: 'en', name: 'Budi Santoso' });
    const id = await recordWorker({ email: 'siti@pekerja.takaru.test', name: 'Siti Aminah' });
    const course = await makeCourse({ code: 'LAS-01', title: { id: 'Las Dasar', en: 'Basic Welding' } });
    const session = await makeSession({ start: new Date(Date.parse(NOW) + 72 * HOUR), meetings: 2, course: course._id });
    for (const w of [en.worker, id]) await Enrollment.create({ session: session._id, worker: w._id, status: 'enrolled', requestedBy: 'coordinator' });
    const second = await Meeting.findOne({ session: session._id }).sort({ start: -1 }).lean();
    await ctx.services.scheduling.sessions.moveMeeting(coordinator, String(session._id), String(second!._id), { date: '2026-12-06', start: '13:00', end: '17:00' });
    await deliverAll(ctx);
    const moved = await sink.waitFor(2);
    expect(moved.map(recipientOf).sort()).to.deep.equal(['budi@takaru.test', 'siti@pekerja.takaru.test']);
    expect(moved.find((m) => recipientOf(m) === 'budi@takaru.test')!.subject).to.equal('Class moved: LAS-01 Basic Welding');
    expect(moved.find((m) => recipientOf(m) === 'siti@pekerja.takaru.test')!.text).to.include('6 Des 2026, 13.00 WIB');
    sink.clear();

    await ctx.services.scheduling.sessions.cancelSession(coordinator, String(session._id), 'Instruktur sakit');
    await deliverAll(ctx);
    const byTo = new Map((await sink.waitFor(2)).map((m) => [recipientOf(m), m]));
    const english = byTo.get('budi@takaru.test')!;
    expect(english.subject).to.equal('Class cancelled: LAS-01 Basic Welding');
    expect(english.html).to.include('<html lang="en">');
    expect(english.text).to.include('Hello Budi Santoso').and.include('Reason: Instruktur sakit');
    expect(english.text).to.include(`${APP_URL}/sessions/${String(session._id)}`);
    expect(english.text).to.include('always sent');
    const indonesian = byTo.get('siti@pekerja.takaru.test')!;
    expect(indonesian.subject).to.equal('Kelas dibatalkan: LAS-01 Las Dasar');
    expect(indonesian.html).to.include('<html lang="id">');
    expect(indonesian.text).to.include('Halo Siti Aminah').and.include('4 Des 2026, 09.00 WIB');
    expect(english.messageId).to.match(/^<notice-[a-f0-9]{24}@skills\.takaru\.test>$/);

    const sent = await Notification.find({ kind: 'session-cancelled' }).sort({ _id: 1 }).lean();
    expect(sent.map((n) => n.email?.status)).to.deep.equal(['sent', 'sent']);
    expect(sent.map((n) => n.email?.to).sort()).to.deep.equal(['budi@takaru.test', 'siti@pekerja.takaru.test']);
  });

  it('emails a wait-list promotion through the same path', async () => {
    const ctx = app();
    const first = await accountWorker({ email: 'first@takaru.test' });
    const second = await accountWorker({ email: 'second@takaru.test', language: 'en' });
    const session = await makeSession({ start: new Date(Date.parse(NOW) + 5 * 24 * HOUR), capacity: 1 });
    const sid = String(session._id);
    const a = await ctx.services.scheduling.enrollment.enrollWorker(coordinator, sid, String(first.worker._id));
    await ctx.services.scheduling.enrollment.enrollWorker(coordinator, sid, String(second.worker._id));
    await ctx.services.scheduling.enrollment.cancelEnrollment(coordinator, a.enrollmentId);
    await deliverAll(ctx);
    const promoted = (await sink.waitFor(3)).filter((m) => /You have a place/.test(m.subject ?? ''));
    expect(promoted.map(recipientOf)).to.deep.equal(['second@takaru.test']);
    expect(promoted[0]!.text).to.include(`${APP_URL}/sessions/${sid}`);
  });

  it('keeps workers without email to the inbox, and honours turning optional email off except for essential notices', async () => {
    const ctx = app();
    const phoneOnly = await accountWorker({ email: null });
    const quiet = await accountWorker({ email: 'quiet@takaru.test', emailOptional: false });
    const notices = ctx.services.notifications.service;
    await notices.notifyWorkers([String(phoneOnly.worker._id)], { key: 'k1', kind: 'session-cancelled', params: { reason: 'x' } });
    await notices.notifyWorkers([String(quiet.worker._id)], { key: 'k2', kind: 'enrolled', params: {} });
    await notices.notifyWorkers([String(quiet.worker._id)], { key: 'k3', kind: 'session-cancelled', params: { reason: 'y' } });
    await deliverAll(ctx);
    const status = async (key: string) => (await Notification.findOne({ key: new RegExp(`^${key}:`) }).lean())!.email?.status;
    expect(await status('k1')).to.equal('no_email');
    expect(await status('k2')).to.equal('opted_out');
    expect(await status('k3')).to.equal('sent');
    expect((await sink.waitFor(1)).map(recipientOf)).to.deep.equal(['quiet@takaru.test']);
    const inbox = await notices.listInbox({ id: String(phoneOnly.user._id), roles: ['worker'] });
    expect(inbox.items.map((n) => n.kind)).to.deep.equal(['session-cancelled']);
  });

  it('sends a notice once however many senders race for it, and never again afterwards', async () => {
    const ctx = app();
    const w = await recordWorker({ email: 'race@takaru.test' });
    await ctx.services.notifications.service.notifyWorkers([String(w._id)], { key: 'race', kind: 'meeting-added', params: { new: NOW } });
    const [id] = await pendingIds();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => ctx.services.notifications.delivery.deliver(id!, { final: false, fresh: true })));
    expect(outcomes.filter((o) => o === 'sent')).to.have.length(1);
    expect(await ctx.services.notifications.delivery.deliver(id!, { final: false, fresh: true })).to.equal('sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.map(noticeOf)).to.deep.equal([id]);
  });

  it('claims the next generation after a refused attempt, but never resends one that may have reached the server', async () => {
    const ctx = app();
    const delivery = ctx.services.notifications.delivery;
    const w = await recordWorker({ email: 'lease@takaru.test' });
    const notices = ctx.services.notifications.service;
    await notices.notifyWorkers([String(w._id)], { key: 'a', kind: 'meeting-added', params: { new: NOW } });
    await notices.notifyWorkers([String(w._id)], { key: 'b', kind: 'meeting-added', params: { new: NOW } });
    const [refused, inFlight] = await pendingIds();
    const lease = new Date(ctx.clock.now().getTime() + 60_000);
    await Delivery.create({ _id: `${refused}#0`, notification: refused, gen: 0, owner: 'earlier', state: 'failed', leaseUntil: lease });
    await Delivery.create({ _id: `${inFlight}#0`, notification: inFlight, gen: 0, owner: 'stopped', state: 'submitting', leaseUntil: lease });

    expect(await delivery.deliver(refused!, { final: false, fresh: true })).to.equal('sent');
    expect(await Delivery.exists({ _id: `${refused}#1` })).to.not.equal(null);
    // Its sender is still within its lease: someone else is sending it.
    expect(await delivery.deliver(inFlight!, { final: false, fresh: true })).to.equal('busy');
    ctx.clock.advance(delivery.options.leaseMs + 60_000);
    expect(await delivery.deliver(inFlight!, { final: false, fresh: true })).to.equal('unknown');
    expect(await delivery.deliver(inFlight!, { final: false, fresh: true })).to.equal('unknown');
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.messages.map(noticeOf)).to.deep.equal([refused]);
    expect((await Delivery.findById(`${inFlight}#0`).lean())!.state).to.equal('unknown');
    const log = await ctx.services.notifications.admin.listLog(admin, { status: 'unknown', page: 1 });
    expect(log.items.map((i) => [i.id, i.canResend])).to.deep.equal([[inFlight, true]]);

    // An admin who checked that it did not arrive sends it again.
    expect(await ctx.services.notifications.admin.resend(admin, inFlight!)).to.equal(true);
    expect(await delivery.deliver(inFlight!, { final: false, fresh: true })).to.equal('sent');
    expect((await sink.waitFor(2)).map(noticeOf)).to.deep.equal([refused, inFlight]);
  });

  it('does not email a notice too late: after its deadline or a week after it was recorded', async () => {
    const ctx = app();
    const w = await recordWorker({ email: 'late@takaru.test' });
    const notices = ctx.services.notifications.service;
    await notices.notifyWorkers([String(w._id)], { key: 'deadline', kind: 'meeting-added', params: { new: NOW }, notAfter: new Date(Date.parse(NOW) + HOUR) });
    await notices.notifyWorkers([String(w._id)], { key: 'old', kind: 'meeting-added', params: { new: NOW } });
    ctx.clock.advance(8 * 24 * HOUR);
    await deliverAll(ctx);
    expect((await Notification.find().lean()).map((n) => n.email?.status)).to.deep.equal(['expired', 'expired']);
    expect(sink.messages).to.have.length(0);
  });

  it('keeps a password-reset link out of the inbox and out of the database in clear, and erases it once sent', async () => {
    const ctx = app();
    const user = await createUser({ email: 'reset@takaru.test', roles: ['worker'] });
    await ctx.services.accounts.resets.requestReset('reset@takaru.test');
    await ctx.services.notifications.service.idle();
    const [mail] = await sink.waitFor(1);
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail!.text ?? '')![1]!;
    const stored = await Notification.findOne({ kind: 'password-reset' }).lean();
    expect(stored!.email?.status).to.equal('sent');
    expect(stored!.secret).to.equal(undefined);
    expect(JSON.stringify(stored)).not.to.include(token);
    const inbox = await ctx.services.notifications.service.listInbox({ id: String(user._id), roles: ['worker'] });
    expect(inbox.items).to.have.length(0);
    expect(await ctx.services.notifications.service.unreadCount({ id: String(user._id), roles: ['worker'] })).to.equal(0);
  });
});
