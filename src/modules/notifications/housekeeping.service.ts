import { trusted, type Connection } from 'mongoose';
import type { Clock } from '../../platform/clock';
import { JOBS_COLLECTION, type JobQueue } from '../../platform/jobs/agenda';
import { Delivery } from './delivery.model';
import { SEND_EMAIL_JOB } from './delivery.service';
import { byRecipient, touchInbox } from './inbox.read-model';
import { Notification, SETTLED } from './notification.model';

const DAY = 24 * 3600 * 1000;

/** How long things are kept (no TTL indexes on FerretDB: these jobs do it). */
export const RETENTION = {
  /** A pending notice with no live job for this long is queued again. */
  stallMs: 2 * 60 * 1000,
  /**
   * An email job locked this long ago is not live, even if it started: a send takes seconds (the
   * ledger lease, not the job lock, guards a slow SMTP exchange), while Agenda frees a lock only
   * after its lifetime (16 minutes).
   */
  lockedStallMs: 3 * 60 * 1000,
  /** Read notices whose email is settled. */
  readNoticesMs: 180 * DAY,
  /** Hidden notices (password-reset mails): nobody reads them in the inbox. */
  hiddenNoticesMs: 30 * DAY,
  /** Ledger rows and finished email jobs; notices older than a week are never emailed, so this is safe. */
  ledgerMs: 30 * DAY,
};

/**
 * A job locked before `cutoff` that never started since: seen on FerretDB with two job runners,
 * whose non-atomic findAndModify lets both lock the same job; now and then one such job is left
 * locked and never run, and Agenda would free it only when its lock lifetime (16 minutes) lapses.
 * A running job has `lastRunAt` at or after its `lockedAt`.
 */
function stranded(job: { lockedAt?: Date | null; lastRunAt?: Date | null }, cutoff: Date, lockedCutoff: Date): boolean {
  if (!job.lockedAt || job.lockedAt >= cutoff) return false;
  // Locked long ago and still locked, started or not: a handler stuck (say on a database call that
  // never answers) would hold its notice until Agenda's 16-minute lock lifetime. A send takes seconds.
  if (job.lockedAt < lockedCutoff) return true;
  return !job.lastRunAt || job.lastRunAt < job.lockedAt;
}

/** Keeps delivery going when a job was lost, and prunes what is delivered. */
export class NotificationHousekeeping {
  constructor(private readonly deps: { connection: Connection; clock: Clock; queue: JobQueue }) {}

  private jobs() {
    return this.deps.connection.collection(JOBS_COLLECTION);
  }

  /**
   * Queues a send again for pending notices that have no live job: the enqueue after storing failed,
   * a job was removed by a racing runner, an expedited send failed before its retry was queued, or
   * a job is stranded (see `stranded`). Harmless when a job does exist after all: the ledger lets
   * one send.
   */
  async requeueStalled(limit = 500): Promise<number> {
    const now = this.deps.clock.now().getTime();
    const cutoff = new Date(now - RETENTION.stallMs);
    const lockedCutoff = new Date(now - RETENTION.lockedStallMs);
    const stalled = await Notification.find({ 'email.status': 'pending', 'email.queuedAt': trusted({ $lt: cutoff }) }, { _id: 1 })
      .limit(limit)
      .lean();
    if (stalled.length === 0) return 0;
    const jobs = await this.jobs()
      .find(
        { name: SEND_EMAIL_JOB, $or: [{ nextRunAt: { $ne: null } }, { lockedAt: { $ne: null } }] },
        { projection: { data: 1, lockedAt: 1, lastRunAt: 1 } },
      )
      .toArray();
    const queued = new Set(jobs.filter((j) => !stranded(j as { lockedAt?: Date | null; lastRunAt?: Date | null }, cutoff, lockedCutoff)).map((j) => String((j.data as { id?: unknown } | undefined)?.id)));
    let n = 0;
    for (const s of stalled) {
      if (queued.has(String(s._id))) continue;
      await this.deps.queue.enqueue(SEND_EMAIL_JOB, { id: String(s._id) });
      n++;
    }
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
