import { trusted, type Connection } from 'mongoose';
import type { Clock } from '../../platform/clock';
import { JOBS_COLLECTION, type JobQueue } from '../../platform/jobs/agenda';
import { Delivery } from './delivery.model';
import { SEND_EMAIL_JOB } from './delivery.service';
import { DRAIN_OUTBOX_JOB, type EmailOutbox } from './outbox.service';
import { byRecipient, touchInbox } from './inbox.read-model';
import { Notification, SETTLED } from './notification.model';

const DAY = 24 * 3600 * 1000;

/** How long things are kept (no TTL indexes on FerretDB: these jobs do it). */
export const RETENTION = {
  /** A pending notice with no outbox row for this long is queued again; an outbox row due this long ago wakes a drain. */
  stallMs: 2 * 60 * 1000,
  /** Read notices whose email is settled. */
  readNoticesMs: 180 * DAY,
  /** Hidden notices (password-reset mails): nobody reads them in the inbox. */
  hiddenNoticesMs: 30 * DAY,
  /** Ledger rows and finished email jobs; notices older than a week are never emailed, so this is safe. */
  ledgerMs: 30 * DAY,
};

/** Keeps delivery going when an enqueue was lost or a drain stranded, and prunes what is delivered. */
export class NotificationHousekeeping {
  constructor(private readonly deps: { connection: Connection; clock: Clock; queue: JobQueue; outbox: EmailOutbox }) {}

  private jobs() {
    return this.deps.connection.collection(JOBS_COLLECTION);
  }

  /**
   * Puts back in the outbox pending notices that have no row there (the insert after storing failed,
   * or a row was deleted by a racing drain just as an admin queued the notice again), and queues a
   * one-off drain when rows wait well past their due time: the recurring drain job can be left
   * locked and never run on FerretDB (two runners' non-atomic locks) until its lock lifetime lapses.
   * Harmless when a drain is running after all: the ledger lets one send. Returns how many notices
   * it put back.
   */
  async requeueStalled(limit = 500): Promise<number> {
    const cutoff = new Date(this.deps.clock.now().getTime() - RETENTION.stallMs);
    const stalled = await Notification.find({ 'email.status': 'pending', 'email.queuedAt': trusted({ $lt: cutoff }) }, { _id: 1 })
      .limit(limit)
      .lean();
    const rows = await this.deps.outbox.rows();
    const queued = new Set(rows.map((r) => String(r._id)));
    let n = 0;
    for (const s of stalled) {
      if (queued.has(String(s._id))) continue;
      await this.deps.outbox.add(String(s._id));
      n++;
    }
    // Due times are wall time (like Agenda's), not the injected clock.
    const overdue = Date.now() - RETENTION.stallMs;
    if (n > 0 || rows.some((r) => r.dueAt.getTime() < overdue)) await this.deps.queue.enqueue(DRAIN_OUTBOX_JOB, {});
    return n;
  }

  /** Deletes read (or hidden) notices whose email is settled, old ledger rows and finished email jobs. */
  async prune(): Promise<{ notices: number; ledger: number; jobs: number }> {
    const now = this.deps.clock.now().getTime();
    const before = (ms: number) => trusted({ $lt: new Date(now - ms) });
    const settled = trusted({ $in: [...SETTLED] });
    // Read notices are listed in the inbox read model: found first, deleted by id, then taken out of it.
    const oldRead = await Notification.find({ 'email.status': settled, readAt: before(RETENTION.readNoticesMs), createdAt: before(RETENTION.readNoticesMs) }, { user: 1, worker: 1 }).lean();
    let readDeleted = 0;
    for (let i = 0; i < oldRead.length; i += 500) {
      const ids = oldRead.slice(i, i + 500).map((n) => n._id);
      readDeleted += (await Notification.deleteMany({ _id: trusted({ $in: ids }) })).deletedCount;
    }
    await touchInbox(byRecipient(oldRead.map((n) => ({ id: String(n._id), user: n.user, worker: n.worker }))));
    const read = { deletedCount: readDeleted };
    const hidden = await Notification.deleteMany({ 'email.status': settled, hidden: true, createdAt: before(RETENTION.hiddenNoticesMs) });
    const ledger = await Delivery.deleteMany({ createdAt: before(RETENTION.ledgerMs) });
    const old = new Date(now - RETENTION.ledgerMs);
    const jobs = await this.jobs().deleteMany({
      name: SEND_EMAIL_JOB,
      nextRunAt: null,
      lockedAt: null,
      $or: [{ lastFinishedAt: { $lt: old } }, { failedAt: { $lt: old } }],
    });
    return { notices: read.deletedCount + hidden.deletedCount, ledger: ledger.deletedCount, jobs: jobs.deletedCount };
  }
}
