import mongoose, { type Connection } from 'mongoose';
import { isDuplicateKeyError } from '../../platform/errors';
import type { JobBackoff } from '../../platform/jobs/registry';
import type { Logger } from '../../platform/logger';
import { DeliveryFailedError, type DeliveryService } from './delivery.service';
import { OutboxEntry } from './outbox.model';

export interface DrainOptions {
  backoff: JobBackoff;
  /** Sends in flight at once (each through the ledger): bounds what a crash can leave uncertain. */
  concurrency: number;
  /** When another sender holds the notice, look again this much later (it may fail and need a retry). */
  busyRecheckMs: number;
  /** A drain run stops taking rows after this long (its job lock must outlive it); the next run goes on. */
  budgetMs: number;
}

/** Works the email outbox: every few seconds, and at once when a notice is recorded (`JobQueue.wake`). */
export const DRAIN_OUTBOX_JOB = 'notifications:drain-outbox';

type Row = { _id: mongoose.Types.ObjectId; dueAt: Date; failures?: number | null };

/** Agenda's exponential schedule: after the k-th failure, delay × factor^(k−1). */
export const retryDelayMs = (backoff: JobBackoff, failures: number) => backoff.delayMs * (backoff.factor ?? 2) ** Math.max(0, failures - 1);

/**
 * Pending email sends, one row per notice (see outbox.model.ts), worked in batches by the
 * `notifications:drain-outbox` job through `DeliveryService.deliver` — which claims each send in the
 * ledger, so two drains running at once (two workers, or Agenda's non-atomic lock on FerretDB)
 * cost work, never a second message. Every write here is by `_id` alone (pushed down on FerretDB).
 */
export class EmailOutbox {
  private readonly Entry: typeof OutboxEntry;

  constructor(private readonly deps: { connection: Connection; delivery: DeliveryService; logger: Logger }) {
    const c = deps.connection;
    this.Entry = c === mongoose.connection ? OutboxEntry : ((c.models[OutboxEntry.modelName] ?? c.model(OutboxEntry.modelName, OutboxEntry.schema)) as typeof OutboxEntry);
  }

  /**
   * Queues the email of a stored notice (due now). An existing row is made due now; `freshBudget`
   * (an admin's "Send again") also forgets its failures.
   */
  async add(id: string, opts: { freshBudget?: boolean; at?: Date } = {}): Promise<void> {
    const dueAt = opts.at ?? new Date();
    try {
      await this.Entry.create({ _id: id, dueAt, failures: 0 });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      await this.Entry.updateOne({ _id: id }, { $set: { dueAt, ...(opts.freshBudget ? { failures: 0 } : {}) } });
    }
  }

  /** Whether a notice has a row (tests, housekeeping). */
  async has(id: string): Promise<boolean> {
    return (await this.Entry.findById(id, { _id: 1 }).lean()) !== null;
  }

  /** Every row: the collection holds only pending sends, and on FerretDB any filter reads it all anyway. */
  async rows(): Promise<Row[]> {
    return this.Entry.find({}, { dueAt: 1, failures: 1 }).lean<Row[]>();
  }

  /**
   * Sends what is due, `concurrency` at a time, until nothing is due or the budget is spent.
   * Returns how many rows it settled and whether due rows are left (the caller runs again).
   */
  async drain(opts: DrainOptions): Promise<{ settled: number; more: boolean }> {
    const started = Date.now();
    let settled = 0;
    const done = new SettledRows(this.Entry, this.deps.logger);
    try {
      for (;;) {
        await done.flush();
        const now = Date.now();
        const due = (await this.rows()).filter((r) => r.dueAt.getTime() <= now).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
        if (due.length === 0) return { settled, more: false };
        let next = 0;
        let outOfTime = false;
        const lane = async () => {
          while (next < due.length) {
            if (Date.now() - started > opts.budgetMs) {
              outOfTime = true;
              return;
            }
            const row = due[next++]!;
            if (await this.sendOne(row, opts)) {
              settled++;
              await done.add(String(row._id));
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(opts.concurrency, due.length) }, lane));
        if (outOfTime) return { settled, more: true };
      }
    } finally {
      await done.flush();
    }
  }

  /** One row: deliver, then set its next due time (retry, busy). True when settled: the caller deletes the row. */
  private async sendOne(row: Row, opts: DrainOptions): Promise<boolean> {
    const id = String(row._id);
    const failures = row.failures ?? 0;
    const final = failures >= opts.backoff.maxRetries;
    try {
      // `fresh: false`: a failed notice is tried again only after an admin's "Send again" (which
      // sets it pending); the retry budget is this row's.
      const outcome = await this.deps.delivery.deliver(id, { final, fresh: false });
      if (outcome === 'busy') {
        // Someone else holds the send (another drain, an expedited send): it may fail and need
        // its retry, so look again later; `failures` is left to the holder.
        await this.Entry.updateOne({ _id: id }, { $set: { dueAt: new Date(Date.now() + opts.busyRecheckMs) } });
        return false;
      }
      return true;
    } catch (err) {
      if (err instanceof DeliveryFailedError && final) {
        // deliver() marked the notice failed: nothing more happens without an admin.
        return true;
      }
      // A certain failure (retried after the backoff) or a database error (the notice is still
      // pending: tried again, at the longest delay once the budget is spent, until it expires).
      const n = Math.min(failures + 1, opts.backoff.maxRetries);
      await this.Entry.updateOne({ _id: id }, { $set: { dueAt: new Date(Date.now() + retryDelayMs(opts.backoff, n)), failures: failures + 1 } }).catch((e: unknown) =>
        this.deps.logger.error({ err: e, notification: id }, 'could not reschedule an email'),
      );
      if (!(err instanceof DeliveryFailedError)) this.deps.logger.error({ err, notification: id }, 'email delivery errored');
      return false;
    }
  }
}

/** Settled rows deleted this many at a time. */
const DELETE_BATCH = 50;

/**
 * The rows a drain settled, deleted in batches: one `delete` command of up to 50 statements, each
 * by `_id` alone (pushed down on FerretDB; measured 0.2 ms a row, against 0.7 ms for one command
 * per row). A row left behind by a crash before its batch went is harmless: the next drain finds
 * its notice settled (`deliver` answers its status without sending) and deletes it then. An admin's
 * "Send again" landing between a send and its batch loses its row the same way it could lose it
 * between a send and a single delete; the stalled-notice sweep (`requeue-stalled`) queues it again.
 */
class SettledRows {
  private ids: string[] = [];

  constructor(
    private readonly Entry: typeof OutboxEntry,
    private readonly logger: Logger,
  ) {}

  async add(id: string): Promise<void> {
    this.ids.push(id);
    if (this.ids.length >= DELETE_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.ids.length === 0) return;
    const ids = this.ids;
    this.ids = [];
    try {
      await this.Entry.bulkWrite(
        ids.map((id) => ({ deleteOne: { filter: { _id: id } } })),
        { ordered: false },
      );
    } catch (err) {
      // Left in the outbox: the next drain sees their notices settled and deletes them.
      this.logger.error({ err, rows: ids.length }, 'could not delete settled outbox rows');
    }
  }
}
