import { expect } from 'chai';
import mongoose, { type Connection } from 'mongoose';
import { createNotificationsModule, DRAIN_OUTBOX_JOB, Notification, notificationsJobs, OutboxEntry, retryDelayMs, SEND_EMAIL_DEFAULTS } from '../../src/modules/notifications';
import { JOBS_COLLECTION } from '../../src/platform/jobs/agenda';
import { buildApp } from '../support/harness';
import { commandsDuring } from '../support/db-commands';
import { RestartableSink, waitUntil } from '../support/notifications-sink';
import { manyWorkers, runJobs, secondConnection } from '../support/notifications-factories';

const jobs = () => mongoose.connection.collection(JOBS_COLLECTION);
const params = () => ({ start: new Date().toISOString() });
const drainOpts = { backoff: { delayMs: 50, factor: 2, maxRetries: 1 }, concurrency: 10, busyRecheckMs: 200, budgetMs: 60000 };

describe('the email outbox', () => {
  const sink = new RestartableSink();
  before(async () => {
    await sink.start();
  });
  after(() => sink.stop());
  beforeEach(() => sink.clear());

  it('queues a backlog without one Agenda job per notice, and one runner delivers it in a few job runs', async function () {
    this.timeout(120000);
    const { services } = buildApp({ smtpUrl: sink.url });
    const N = 200;
    await services.notifications.service.notifyWorkers(await manyWorkers(N), { key: 'backlog', kind: 'enrolled', params: params() });
    // On FerretDB every Agenda lock reads the whole of agendaJobs: what a backlog adds there is what
    // each lock costs. One job per notice made each message cost O(backlog).
    expect(await jobs().countDocuments({})).to.be.at.most(2);
    expect(await OutboxEntry.countDocuments({})).to.equal(N);

    let runs = 0;
    const defs = notificationsJobs(services.notifications).slice(0, 1);
    const drain = defs[0]!.handler;
    defs[0]!.handler = async (data, ctx) => {
      runs++;
      await drain(data, ctx);
    };
    const runner = await runJobs(defs);
    try {
      await sink.waitFor(N, 90000);
      await waitUntil(async () => (await OutboxEntry.countDocuments({})) === 0, 10000, () => 'outbox not emptied');
    } finally {
      await runner.stop(5000);
    }
    expect(runs, 'job runs for the whole backlog').to.be.at.most(10);
    expect(await Notification.countDocuments({ 'email.status': 'sent' })).to.equal(N);
    expect([...sink.perNotice().values()].every((c) => c === 1)).to.equal(true);
  });

  it('deletes the rows it settled in batches by id, not one command per email', async function () {
    this.timeout(120000);
    const { services } = buildApp({ smtpUrl: sink.url });
    const N = 120;
    await services.notifications.service.notifyWorkers(await manyWorkers(N), { key: 'batches', kind: 'enrolled', params: params() });
    const seen = await commandsDuring(() => services.notifications.outbox.drain(drainOpts));
    const deletes = seen.filter((c) => c.name === 'delete' && c.collection === 'notificationOutbox');
    // 120 settled rows, 50 to a command (each statement by `_id` alone).
    expect(deletes.length, 'delete commands on the outbox').to.be.within(3, 4);
    expect(deletes.every((c) => Object.keys(c.filter as object).join() === '_id')).to.equal(true);
    expect(await OutboxEntry.countDocuments({})).to.equal(0);
    expect(await Notification.countDocuments({ 'email.status': 'sent' })).to.equal(N);
    expect(sink.perNotice().size).to.equal(N);
  });

  it('two drains on separate connections working the same rows at once send each notice exactly once', async function () {
    this.timeout(120000);
    const { services, deps } = buildApp({ smtpUrl: sink.url });
    const N = 120;
    await services.notifications.service.notifyWorkers(await manyWorkers(N), { key: 'race', kind: 'enrolled', params: params() });
    const connections: Connection[] = [await secondConnection(), await secondConnection()];
    try {
      const outboxes = connections.map((connection) => createNotificationsModule({ ...deps, connection }).outbox);
      // Both read every row before either settles one: each notice is contended.
      for (let round = 0; round < 20 && (await OutboxEntry.countDocuments({})) > 0; round++) {
        await Promise.all(outboxes.map((o) => o.drain(drainOpts)));
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
    await new Promise((r) => setTimeout(r, 500));
    const counts = sink.perNotice();
    expect(counts.size).to.equal(N);
    expect([...counts.values()].filter((c) => c !== 1)).to.deep.equal([]);
    expect(await Notification.countDocuments({ 'email.status': 'sent' })).to.equal(N);
    expect(await OutboxEntry.countDocuments({})).to.equal(0);
  });

  it('keeps a failed send in the outbox with its next due time, then marks it failed after the last retry', async function () {
    this.timeout(30000);
    const down = new RestartableSink();
    const url = await down.start();
    await down.stop();
    const { services } = buildApp({ smtpUrl: url });
    const [w] = await manyWorkers(1);
    await services.notifications.service.notifyWorkers([w!], { key: 'down', kind: 'session-cancelled', params: { reason: 'x' } });
    const n = await Notification.findOne().lean();
    const before = Date.now();
    expect(await services.notifications.outbox.drain(drainOpts)).to.deep.equal({ settled: 0, more: false });
    const row = await OutboxEntry.findById(n!._id).lean();
    expect(row?.failures).to.equal(1);
    expect(row!.dueAt.getTime()).to.be.at.least(before + 50);
    expect((await Notification.findById(n!._id).lean())!.email).to.include({ status: 'pending', attempts: 1 });
    await new Promise((r) => setTimeout(r, 80));
    expect(await services.notifications.outbox.drain(drainOpts)).to.deep.equal({ settled: 1, more: false });
    expect(await OutboxEntry.countDocuments({})).to.equal(0);
    expect((await Notification.findById(n!._id).lean())!.email).to.include({ status: 'failed', attempts: 2 });
  });

  it('retries on the schedule Agenda used: 1, 2, 4, 8, 16 and 32 minutes', () => {
    const b = SEND_EMAIL_DEFAULTS.backoff;
    expect([1, 2, 3, 4, 5, 6].map((k) => retryDelayMs(b, k) / 60000)).to.deep.equal([1, 2, 4, 8, 16, 32]);
  });

  it('wakes the recurring drain when a notice is recorded, from a process that runs no jobs', async () => {
    const { services } = buildApp({ smtpUrl: sink.url });
    const later = new Date(Date.now() + 3600 * 1000);
    await jobs().insertOne({ name: DRAIN_OUTBOX_JOB, type: 'single', repeatInterval: '5 seconds', nextRunAt: later, lockedAt: null, data: {} });
    const [w] = await manyWorkers(1);
    await services.notifications.service.notifyWorkers([w!], { key: 'wake', kind: 'enrolled', params: params() });
    const job = await jobs().findOne({ name: DRAIN_OUTBOX_JOB });
    expect(job!.nextRunAt.getTime()).to.be.below(later.getTime() - 3500 * 1000);
    expect(await jobs().countDocuments({})).to.equal(1);
  });
});
