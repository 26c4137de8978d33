import { Agenda, exponential, type JobState } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { ObjectId } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger';
import { TIME_ZONE } from '../i18n';
import type { JobDefinition } from './registry';

export const JOBS_COLLECTION = 'agendaJobs';

export interface JobRunner {
  readonly agenda: Agenda;
  /** Waits for running jobs (up to `timeoutMs`), then stops taking new ones. */
  stop(timeoutMs?: number): Promise<void>;
}

const agendaOn = (connection: Connection, extra: { processEvery?: number } = {}) =>
  new Agenda({
    // No sort when locking the next due job: FerretDB cannot use an index for it, so a sort reads and
    // orders every job on each lock (~130 ms at 500 queued jobs); unsorted it stops at the first due
    // one (~20 ms). Due jobs then run in insertion order, not by priority (we set none).
    backend: new MongoBackend({ mongo: connection.db!, collection: JOBS_COLLECTION, sort: {} }),
    // A number of ms: human-interval reads '200 milliseconds' as 200 s.
    processEvery: extra.processEvery ?? 5000,
    defaultConcurrency: 1,
  });

/**
 * Starts Agenda on the app's mongoose connection with every job defined and the recurring ones
 * scheduled in WIB. Only `worker` and `all` processes call this. Run one worker against FerretDB:
 * its findAndModify is not atomic, so two workers could both lock a job (handlers are idempotent,
 * and email delivery is guarded by its own ledger, so that costs work, never a duplicate).
 */
export async function startJobRunner(opts: { connection: Connection; jobs: JobDefinition[]; logger: Logger; processEveryMs?: number }): Promise<JobRunner> {
  const agenda = agendaOn(opts.connection, { processEvery: opts.processEveryMs });
  agenda.on('error', (err: Error) => opts.logger.error({ err }, 'agenda error'));
  agenda.on('fail', (err: Error, job: { attrs: { name: string } }) => opts.logger.warn({ err, job: job.attrs.name }, 'job failed'));
  for (const def of opts.jobs) {
    const backoff = def.backoff;
    agenda.define(
      def.name,
      async (job: { attrs: { data?: unknown; failCount?: number | null } }) => {
        const attempt = (job.attrs.failCount ?? 0) + 1;
        await def.handler((job.attrs.data ?? {}) as Record<string, unknown>, { attempt, final: !backoff || attempt > backoff.maxRetries });
      },
      {
        concurrency: def.concurrency ?? 1,
        lockLifetime: def.lockLifetimeMs ?? 10 * 60 * 1000,
        lockLimit: def.lockLimit,
        removeOnComplete: def.removeOnComplete,
        backoff: backoff ? exponential({ delay: backoff.delayMs, factor: backoff.factor ?? 2, maxRetries: backoff.maxRetries }) : undefined,
      },
    );
  }
  await agenda.start();
  for (const def of opts.jobs.filter((j) => j.every)) {
    await agenda.every(def.every!, def.name, undefined, { timezone: TIME_ZONE, skipImmediate: true });
  }
  for (const def of opts.jobs.filter((j) => j.runAtStart)) await agenda.now(def.name, {});
  opts.logger.info({ jobs: opts.jobs.map((j) => j.name) }, 'job runner started');
  return {
    agenda,
    async stop(timeoutMs = 30000) {
      await agenda.drain(timeoutMs);
      await agenda.stop();
    },
  };
}

/** One job as the admin jobs page shows it. */
export interface JobRow {
  id: string;
  name: string;
  state: JobState;
  /** The `id` in the payload, when there is one (jobs carry ids only). */
  subject?: string;
  nextRunAt?: Date;
  lastRunAt?: Date;
  lastFinishedAt?: Date;
  failedAt?: Date;
  failCount: number;
  failReason?: string;
  repeatInterval?: string;
}

export const JOB_STATES = ['running', 'queued', 'scheduled', 'repeating', 'failed', 'completed'] as const;

/**
 * Puts jobs in the queue without running any: what a `web` process has (an Agenda instance that
 * is never started), and what every process uses to enqueue. Also reads and re-arms jobs for the
 * admin jobs page. Agenda is created on first use, so building the services costs nothing.
 */
export interface JobQueue {
  enqueue(name: string, data: Record<string, unknown>, at?: Date): Promise<void>;
  list(query: { state?: JobState; skip: number; limit: number }): Promise<{ jobs: JobRow[]; total: number }>;
  /** Runs a failed job again now with a fresh retry budget. False when it is not a failed job. */
  retry(id: string): Promise<boolean>;
  /**
   * Brings the next run of a recurring job forward to now, unless it is running. Nothing is
   * inserted, so waking it often leaves one job document (a one-off job per wake would grow
   * agendaJobs, whose every lock is a full scan on FerretDB). No-op before a runner scheduled it.
   */
  wake(name: string): Promise<void>;
}

export function createJobQueue(connection: Connection): JobQueue {
  let agenda: Agenda | undefined;
  const get = () => (agenda ??= agendaOn(connection));
  return {
    async enqueue(name, data, at) {
      if (at) await get().schedule(at, name, data);
      else await get().now(name, data);
    },
    async list({ state, skip, limit }) {
      const r = await get().queryJobs({ state, skip, limit, sort: { nextRunAt: 'desc', lastRunAt: 'desc' } });
      return {
        total: r.total,
        jobs: r.jobs.map((j) => {
          const subject = (j.data as { id?: unknown } | undefined)?.id;
          return {
            id: String(j._id),
            name: j.name,
            state: j.state,
            subject: typeof subject === 'string' ? subject : undefined,
            nextRunAt: j.nextRunAt ?? undefined,
            lastRunAt: j.lastRunAt ?? undefined,
            lastFinishedAt: j.lastFinishedAt ?? undefined,
            failedAt: j.failedAt ?? undefined,
            failCount: j.failCount ?? 0,
            failReason: j.failReason ?? undefined,
            repeatInterval: j.repeatInterval ? String(j.repeatInterval) : undefined,
          };
        }),
      };
    },
    async retry(id) {
      if (!/^[a-f0-9]{24}$/.test(id)) return false;
      const r = await connection
        .collection(JOBS_COLLECTION)
        .updateOne(
          { _id: new ObjectId(id), failedAt: { $ne: null }, lockedAt: null },
          { $set: { nextRunAt: new Date(), failCount: 0, failedAt: null } },
        );
      return r.modifiedCount === 1;
    },
    async wake(name) {
      await connection.collection(JOBS_COLLECTION).updateMany({ name, type: 'single', lockedAt: null }, { $set: { nextRunAt: new Date() } });
    },
  };
}
