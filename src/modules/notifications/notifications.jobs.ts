import type { JobQueue } from '../../platform/jobs/agenda';
import type { JobBackoff, JobDefinition } from '../../platform/jobs/registry';
import { DELIVERY_DEFAULTS, SEND_EMAIL_JOB, type DeliveryService } from './delivery.service';
import type { NotificationHousekeeping } from './housekeeping.service';

export interface SendEmailJobOptions {
  backoff: JobBackoff;
  concurrency: number;
  /** Jobs one process locks at a time: a backlog is shared between workers. */
  lockLimit: number;
  /** Longer than the ledger lease, so a job of a dead worker is re-run only once its lease lapsed. */
  lockLifetimeMs: number;
  /** When another sender holds the notice, look again this much later (it may fail and need a retry). */
  busyRecheckMs: number;
}

/** Retries after 1, 2, 4, 8, 16 and 32 minutes: about an hour of SMTP outage is ridden out. */
export const SEND_EMAIL_DEFAULTS: SendEmailJobOptions = {
  backoff: { delayMs: 60 * 1000, factor: 2, maxRetries: 6 },
  concurrency: 10,
  // Agenda refills only once per poll, and on FerretDB each lock is a full scan of agendaJobs:
  // a few per poll keeps polls short (see the README's throughput figures).
  lockLimit: 20,
  lockLifetimeMs: DELIVERY_DEFAULTS.leaseMs + 60 * 1000,
  busyRecheckMs: 30 * 1000,
};

/** The notifications module's jobs; handlers take ids and call one service method. */
export function notificationsJobs(
  deps: { delivery: DeliveryService; housekeeping: NotificationHousekeeping; queue: JobQueue },
  options: Partial<SendEmailJobOptions> = {},
): JobDefinition[] {
  const send = { ...SEND_EMAIL_DEFAULTS, ...options };
  return [
    {
      name: SEND_EMAIL_JOB,
      handler: async (data, ctx) => {
        const id = String(data.id ?? '');
        // A look again (below) is not a fresh job: it must not give a notice that failed for good a new
        // retry budget; only an admin's "Run again" or "Send again" does that.
        const outcome = await deps.delivery.deliver(id, { final: ctx.final, fresh: ctx.attempt === 1 && data.recheck !== true });
        // Someone else holds the send: on FerretDB Agenda can run one job twice at once (its lock is
        // not atomic), and this run finishing would remove the job the other run needs for its retry
        // if the send fails. A later look settles it: sent, retried, or marked uncertain.
        if (outcome === 'busy') await deps.queue.enqueue(SEND_EMAIL_JOB, { id, recheck: true }, new Date(Date.now() + send.busyRecheckMs));
      },
      backoff: send.backoff,
      concurrency: send.concurrency,
      lockLimit: send.lockLimit,
      lockLifetimeMs: send.lockLifetimeMs,
      removeOnComplete: true,
    },
    {
      name: 'notifications:requeue-stalled',
      every: '*/2 * * * *',
      handler: async () => void (await deps.housekeeping.requeueStalled()),
    },
    {
      name: 'notifications:prune-delivered',
      every: '40 2 * * *',
      handler: async () => void (await deps.housekeeping.prune()),
    },
  ];
}
