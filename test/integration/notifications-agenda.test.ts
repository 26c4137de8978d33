import { expect } from 'chai';
import mongoose, { trusted, type Connection } from 'mongoose';
import { createNotificationsModule, Delivery, DRAIN_OUTBOX_JOB, Notification, notificationsJobs, OutboxEntry } from '../../src/modules/notifications';
import { JOBS_COLLECTION } from '../../src/platform/jobs/agenda';
import { ManualClock, systemClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { RestartableSink, waitUntil } from '../support/notifications-sink';
import { manyWorkers, recordWorker, runJobs, secondConnection } from '../support/notifications-factories';

const admin = { id: '000000000000000000000002', roles: ['admin'] };
const jobs = () => mongoose.connection.collection(JOBS_COLLECTION);

describe('notification delivery through Agenda', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());
  beforeEach(async () => {
    sink.clear();
    if (!sinkRunning) await sink.start();
    sinkRunning = true;
  });
  let sinkRunning = true;

  async function stopSink() {
    await sink.stop();
    sinkRunning = false;
  }

  const statuses = async () => (await Notification.find({}, { email: 1 }).lean()).map((n) => n.email?.status);

  it('retries with backoff while the SMTP server is down, records the error, and delivers everything once it is back', async function () {
    this.timeout(120000);
    const { services } = buildApp({ smtpUrl: sink.url });
    await stopSink();
    const ids = await manyWorkers(5);
    await services.notifications.service.notifyWorkers(ids, { key: 'outage', kind: 'meeting-added', params: { new: new Date().toISOString() } });
    const runner = await runJobs(notificationsJobs(services.notifications, { backoff: { delayMs: 250, factor: 1, maxRetries: 400 }, lockLimit: 10, busyRecheckMs: 500 }));
    try {
      let seen: unknown[] = [];
      await waitUntil(
        async () => {
          seen = (await Notification.find({}, { email: 1 }).lean()).map((n) => n.email);
          return (await Notification.countDocuments({ 'email.attempts': trusted({ $gte: 2 }) })) === 5;
        },
        60000,
        () => `not every notice retried: ${JSON.stringify(seen)}`,
      );
      const failing = await Notification.find().lean();
      expect(failing.every((n) => n.email?.status === 'pending' && /ECONNREFUSED|connect/i.test(n.email?.lastError ?? ''))).to.equal(true);
      expect(sink.messages).to.have.length(0);
      await sink.start();
      sinkRunning = true;
      await waitUntil(async () => (await statuses()).every((s) => s === 'sent'), 30000, () => 'not all sent');
    } finally {
      await runner.stop(5000);
    }
    const counts = sink.perNotice();
    expect(counts.size).to.equal(5);
    expect([...counts.values()].every((c) => c === 1)).to.equal(true);
  });

  it('marks a notice failed after the last retry, takes it out of the outbox, and delivers it when an admin sends it again', async function () {
    this.timeout(60000);
    const { services } = buildApp({ smtpUrl: sink.url });
    await stopSink();
    const w = await recordWorker({ email: 'gagal@takaru.test' });
    await services.notifications.service.notifyWorkers([String(w._id)], { key: 'fail', kind: 'session-cancelled', params: { reason: 'x' } });
    const runner = await runJobs(notificationsJobs(services.notifications, { backoff: { delayMs: 100, factor: 2, maxRetries: 2 }, busyRecheckMs: 500 }));
    try {
      await waitUntil(async () => (await statuses())[0] === 'failed', 20000, () => `status ${String(statuses)}`);
      const failed = await Notification.findOne().lean();
      expect(failed!.email?.attempts).to.equal(3);
      expect(failed!.email?.lastError).to.match(/ECONNREFUSED|connect/i);
      await waitUntil(async () => (await OutboxEntry.countDocuments({})) === 0, 10000, () => 'still in the outbox');
      // The jobs page shows the drain (one job however many notices), not a job per notice.
      const listed = await services.notifications.admin.listJobs(admin, { page: 1 });
      expect(listed.items.some((j) => j.name === DRAIN_OUTBOX_JOB)).to.equal(true);
      await sink.start();
      sinkRunning = true;
      expect(await services.notifications.admin.resend(admin, String(failed!._id))).to.equal(true);
      await waitUntil(async () => (await statuses())[0] === 'sent', 20000, () => 'not sent after "send again"');
    } finally {
      await runner.stop(5000);
    }
    expect(sink.messages).to.have.length(1);
  });

  it('queues again a pending notice whose outbox row was lost', async function () {
    this.timeout(30000);
    const clock = new ManualClock();
    const { services } = buildApp({ smtpUrl: sink.url, clock });
    const w = await recordWorker({ email: 'lost@takaru.test' });
    await services.notifications.service.notifyWorkers([String(w._id)], { key: 'lost', kind: 'meeting-added', params: { new: new Date().toISOString() } });
    await OutboxEntry.deleteMany({});
    expect(await services.notifications.housekeeping.requeueStalled()).to.equal(0);
    clock.advance(3 * 60 * 1000);
    expect(await services.notifications.housekeeping.requeueStalled()).to.equal(1);
    expect(await services.notifications.housekeeping.requeueStalled()).to.equal(0);
    const runner = await runJobs(notificationsJobs(services.notifications));
    try {
      await sink.waitFor(1, 15000);
    } finally {
      await runner.stop(5000);
    }
    expect((await statuses())[0]).to.equal('sent');
  });

  it('queues a one-off drain when outbox rows wait past their due time (the recurring drain stranded by racing locks)', async () => {
    const clock = new ManualClock();
    const { services } = buildApp({ smtpUrl: sink.url, clock });
    const [a] = await manyWorkers(1);
    await services.notifications.service.notifyWorkers([a!], { key: 'stranded', kind: 'meeting-added', params: { new: new Date().toISOString() } });
    expect(await services.notifications.housekeeping.requeueStalled(), 'due only a moment ago').to.equal(0);
    expect(await jobs().countDocuments({ name: DRAIN_OUTBOX_JOB })).to.equal(0);
    // Due three minutes ago (wall time, as Agenda's nextRunAt) and still waiting: nobody drained it.
    await OutboxEntry.updateMany({}, { $set: { dueAt: new Date(Date.now() - 3 * 60 * 1000) } });
    expect(await services.notifications.housekeeping.requeueStalled()).to.equal(0);
    expect(await jobs().countDocuments({ name: DRAIN_OUTBOX_JOB })).to.equal(1);
  });

  it('two job runners on separate connections deliver a backlog of 500 notices exactly once each', async function () {
    // Generous: on a busy 2-core machine FerretDB delivers a few messages a second per runner.
    // A drain job Agenda leaves locked is made up for by requeue-stalled (a one-off drain) within 2–4 minutes.
    this.timeout(720000);
    // The real clock: buildApp's default is a clock frozen at the start, under which
    // notifications:requeue-stalled never finds a notice old enough to queue again — so a job Agenda
    // left locked and never started (it happens on FerretDB) was never healed, and the test failed
    // now and then with one notice pending (found with the ledger/jobs dump below).
    const { services, deps } = buildApp({ smtpUrl: sink.url, clock: systemClock });
    const ids = await manyWorkers(500);
    await services.notifications.service.notifyWorkers(ids, { key: 'backlog', kind: 'enrolled', params: { start: new Date().toISOString() } });
    expect(await OutboxEntry.countDocuments({})).to.equal(500);
    const connections: Connection[] = [await secondConnection(), await secondConnection()];
    const jobErrors: string[] = [];
    const runners = await Promise.all(
      connections.map((connection) => {
        const mod = createNotificationsModule({ ...deps, connection });
        // The drain and notifications:requeue-stalled, which makes up for a drain stranded by racing locks.
        const defs = notificationsJobs(mod, { busyRecheckMs: 2000 }).slice(0, 2);
        const send = defs[0]!.handler;
        defs[0]!.handler = async (data, ctx) => {
          try {
            await send(data, ctx);
          } catch (err) {
            jobErrors.push(`${String(data.id)}: ${(err as Error).message}`);
            throw err;
          }
        };
        return runJobs(defs, connection, 1000);
      }),
    );
    try {
      // Polling the sink, not the database: a count every few ms would slow the runners down.
      await (async () => {
        await sink.waitFor(500, 600000);
        await waitUntil(async () => (await Notification.countDocuments({ 'email.status': 'sent' })) === 500, 60000, () => 'not all recorded as sent');
      })().catch(async (err: Error) => {
        const left = await Notification.find({ 'email.status': trusted({ $ne: 'sent' }) }, { email: 1 }).lean();
        const dupes = [...sink.perNotice()].filter(([, c]) => c !== 1);
        // What the ledger and Agenda say about them, so a failure here can be explained afterwards.
        const leftIds = left.slice(0, 5).map((n) => String(n._id));
        const ledger = await Delivery.find({ notification: trusted({ $in: leftIds }) }).lean();
        const outbox = await OutboxEntry.find({ _id: trusted({ $in: leftIds }) }).lean();
        const leftJobs = await jobs()
          .find({}, { projection: { name: 1, data: 1, nextRunAt: 1, lockedAt: 1, lastRunAt: 1, lastFinishedAt: 1, failCount: 1, failReason: 1 } })
          .toArray();
        throw new Error(
          `${err.message}; not sent: ${JSON.stringify(left)}; ledger: ${JSON.stringify(ledger)}; outbox: ${JSON.stringify(outbox)}; jobs: ${JSON.stringify(leftJobs)}; now ${new Date().toISOString()}; ` +
            `sink counts != 1: ${JSON.stringify(dupes)}; job errors: ${JSON.stringify(jobErrors.slice(0, 20))}`,
        );
      });
      // Late duplicates would arrive now, if there were any.
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      await Promise.all(runners.map((r) => r.stop(10000)));
      await Promise.all(connections.map((c) => c.close()));
    }
    const counts = sink.perNotice();
    expect(sink.messages).to.have.length(500);
    expect(counts.size).to.equal(500);
    expect([...counts.values()].filter((c) => c !== 1)).to.deep.equal([]);
    // Email jobs are removed when they finish, but not always on FerretDB: when Agenda ran one job
    // twice at once, the second run's final save can outlive the first run's removal. Such leftovers
    // are finished jobs for sent notices; notifications:prune-delivered deletes them after 30 days.
    // Left alone here: looks again queued by busy runs (`busyRecheckMs`) may still be waiting.
  });
});
