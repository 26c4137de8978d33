import { Agenda } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
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

/**
 * Starts Agenda on the app's mongoose connection with every job defined and the recurring ones
 * scheduled in WIB. Only `worker` and `all` processes call this. Run one worker against FerretDB:
 * its findAndModify is not atomic, so two workers could both lock a job.
 */
export async function startJobRunner(opts: { connection: Connection; jobs: JobDefinition[]; logger: Logger; processEveryMs?: number }): Promise<JobRunner> {
  const agenda = new Agenda({
    backend: new MongoBackend({ mongo: opts.connection.db!, collection: JOBS_COLLECTION }),
    // A number of ms: human-interval reads '200 milliseconds' as 200 s.
    processEvery: opts.processEveryMs ?? 5000,
    defaultConcurrency: 1,
  });
  agenda.on('error', (err: Error) => opts.logger.error({ err }, 'agenda error'));
  agenda.on('fail', (err: Error, job: { attrs: { name: string } }) => opts.logger.warn({ err, job: job.attrs.name }, 'job failed'));
  for (const def of opts.jobs) {
    agenda.define(
      def.name,
      async (job: { attrs: { data?: unknown } }) => {
        await def.handler((job.attrs.data ?? {}) as Record<string, unknown>);
      },
      { concurrency: def.concurrency ?? 1, lockLifetime: def.lockLifetimeMs ?? 10 * 60 * 1000 },
    );
  }
  await agenda.start();
  for (const def of opts.jobs.filter((j) => j.every)) {
    await agenda.every(def.every!, def.name, undefined, { timezone: TIME_ZONE, skipImmediate: true });
  }
  opts.logger.info({ jobs: opts.jobs.map((j) => j.name) }, 'job runner started');
  return {
    agenda,
    async stop(timeoutMs = 30000) {
      await agenda.drain(timeoutMs);
      await agenda.stop();
    },
  };
}
