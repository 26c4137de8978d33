/**
 * A worker process for the crash test: runs only the email drain against the test database, and
 * prints "ready" once it polls. Started (and killed with SIGKILL) by notifications-crash.test.ts.
 * Env: TEST_DB_URI, TEST_DB_NAME (must end in _test), SMTP_URL, LEASE_MS, LOCK_LIFETIME_MS.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/platform/clock';
import { hardenMongoose, openConnection } from '../../src/platform/db/mongo';
import { createI18n } from '../../src/platform/i18n';
import { startJobRunner } from '../../src/platform/jobs/agenda';
import { createMailer } from '../../src/platform/mail/mailer';
import { createNotificationsModule, notificationsJobs } from '../../src/modules/notifications';

async function main() {
  const dbName = process.env.TEST_DB_NAME ?? '';
  if (!dbName.endsWith('_test')) throw new Error(`refusing database ${dbName}`);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'takaru-worker-')),
    APP_URL: 'http://skills.takaru.test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    SMTP_URL: process.env.SMTP_URL,
    LOG_LEVEL: 'silent',
  });
  hardenMongoose();
  await openConnection(process.env.TEST_DB_URI!, dbName);
  const logger = pino({ level: 'silent' });
  const mailer = createMailer({ from: config.mailFrom, smtpUrl: config.smtpUrl, outboxDir: config.outboxDir });
  const deps = { config, connection: mongoose.connection, clock: systemClock, mailer, i18n: createI18n(), logger };
  const mod = createNotificationsModule(deps, { delivery: { leaseMs: Number(process.env.LEASE_MS ?? 2000) } });
  const jobs = notificationsJobs(mod, {
    concurrency: 5,
    lockLimit: 10,
    lockLifetimeMs: Number(process.env.LOCK_LIFETIME_MS ?? 3000),
    // The drain's lock, left behind by the killed worker, lapses as quickly; runs stay shorter than it.
    drainLockLifetimeMs: Number(process.env.LOCK_LIFETIME_MS ?? 3000),
    drainBudgetMs: 1000,
    drainEvery: '1 second',
    backoff: { delayMs: 200, factor: 2, maxRetries: 5 },
  }).slice(0, 1);
  const runner = await startJobRunner({ connection: mongoose.connection, jobs, logger, processEveryMs: 300 });
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void runner
      .stop(5000)
      .then(() => mongoose.disconnect())
      .then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
