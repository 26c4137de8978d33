import type { JobQueue } from '../../platform/jobs/agenda';
import type { JobBackoff, JobDefinition } from '../../platform/jobs/registry';
import { DELIVERY_DEFAULTS, SEND_EMAIL_JOB, type DeliveryService } from './delivery.service';
import type { NotificationHousekeeping } from './housekeeping.service';
import { DRAIN_OUTBOX_JOB, type EmailOutbox } from './outbox.service';

export interface SendEmailJobOptions {
  backoff: JobBackoff;
  /** Sends in flight at once per worker process. */
  concurrency: number;
  /** Legacy per-notice jobs one process locks at a time. */
  lockLimit: number;
  /** Legacy per-notice jobs: longer than the ledger lease, so a dead worker's job is re-run only once its lease lapsed. */
  lockLifetimeMs: number;
  /** When another sender holds the notice, look again this much later (it may fail and need a retry). */
  busyRecheckMs: number;
  /** How often the drain runs when nobody wakes it (a human interval, as Agenda reads it). */
  drainEvery: string;
  /** A drain run stops taking rows after this long and queues its continuation. */
  drainBudgetMs: number;
  /** The drain's Agenda lock: longer than a run, short enough that a dead worker's lock is soon free. */
  drainLockLifetimeMs: number;
}

/** Retries after 1, 2, 4, 8, 16 and 32 minutes: about an hour of SMTP outage is ridden out. */
export const SEND_EMAIL_DEFAULTS: SendEmailJobOptions = {
  backoff: { delayMs: 60 * 1000, factor: 2, maxRetries: 6 },
  concurrency: 10,
  lockLimit: 20,
  lockLifetimeMs: DELIVERY_DEFAULTS.leaseMs + 60 * 1000,
  busyRecheckMs: 30 * 1000,
  drainEvery: '5 seconds',
  drainBudgetMs: 60 * 1000,
  drainLockLifetimeMs: 3 * 60 * 1000,
};

/**
 * The notifications module's jobs; handlers call one service method. The drain comes first and
 * requeue-stalled second (tests and the benchmark run `slice(0, 1)` or `slice(0, 2)`).
 */
export function notificationsJobs(
  deps: { delivery: DeliveryService; outbox: EmailOutbox; housekeeping: NotificationHousekeeping; queue: JobQueue },
  options: Partial<SendEmailJobOptions> = {},
): JobDefinition[] {
  const send = { ...SEND_EMAIL_DEFAULTS, ...options };
  return [
    {
      name: DRAIN_OUTBOX_JOB,
      every: send.drainEvery,
      handler: async () => {
        const { more } = await deps.outbox.drain({ backoff: send.backoff, concurrency: send.concurrency, busyRecheckMs: send.busyRecheckMs, budgetMs: send.drainBudgetMs });
        // Out of time with rows due: a one-off run goes on at once (not waiting for the interval).
        if (more) await deps.queue.enqueue(DRAIN_OUTBOX_JOB, {});
      },
      // After a restart, what waited (or what a dead worker left) is taken at once.
      runAtStart: true,
      lockLimit: 1,
      lockLifetimeMs: send.drainLockLifetimeMs,
      removeOnComplete: true,
    },
    {
      name: 'notifications:requeue-stalled',
      every: '*/2 * * * *',
      handler: async () => void (await deps.housekeeping.requeueStalled()),
    },
    {
      // Per-notice jobs queued before the outbox existed (and "Run again" on /admin/jobs for them):
      // delivered as before. Nothing queues new ones.
      name: SEND_EMAIL_JOB,
      handler: async (data, ctx) => {
        const id = String(data.id ?? '');
        const outcome = await deps.delivery.deliver(id, { final: ctx.final, fresh: ctx.attempt === 1 && data.recheck !== true });
        // Someone else holds the send; the outbox looks again (it may fail and need its retry).
        if (outcome === 'busy') await deps.outbox.add(id, { at: new Date(Date.now() + send.busyRecheckMs) });
      },
      backoff: send.backoff,
      concurrency: send.concurrency,
      lockLimit: send.lockLimit,
      lockLifetimeMs: send.lockLifetimeMs,
      removeOnComplete: true,
    },
    {
      name: 'notifications:prune-delivered',
      every: '40 2 * * *',
      handler: async () => void (await deps.housekeeping.prune()),
    },
  ];
}
