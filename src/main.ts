import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { demoLoginsText, seedIfEmpty } from './demo/seed';
import { buildIndexes, connectDatabase } from './platform/db/mongo';
import { EmbeddedDbError } from './platform/db/ferretdb';
import { createI18n } from './platform/i18n';
import { startJobRunner, type JobRunner } from './platform/jobs/agenda';
import { createLogger } from './platform/logger';
import { createMailer } from './platform/mail/mailer';
import { systemClock } from './platform/clock';
import { createServices } from './services';
import { trackConnections, type ConnectionDrainer } from './platform/http/drain';

/** How often a job runner looks for due jobs; email jobs are also limited per poll (see notifications.jobs.ts). */
const JOB_POLL_MS = 1000;

/** Process entry: config → database → web and/or jobs by ROLE; graceful shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await connectDatabase(config, logger);
  await buildIndexes();
  const i18n = createI18n();
  const mailer = createMailer({ from: config.mailFrom, smtpUrl: config.smtpUrl, outboxDir: config.outboxDir });
  const services = createServices({ config, connection: db.connection, clock: systemClock, mailer, i18n, logger });
  // Every process records its writes to data the reports read, so snapshots know when they are stale.
  services.reports.snapshots.observe(db.connection);
  let firstStartNote = '';
  if (config.role !== 'worker') {
    const { seeded, empty } = await seedIfEmpty({ config, connection: db.connection, clock: systemClock, mailer, i18n, logger });
    if (seeded) firstStartNote = demoLoginsText(seeded);
    else if (empty) {
      firstStartNote = '\nNo accounts yet: create the first admin with `npm run create-admin -- --email you@example.id --name "Your Name"`\n' +
        '(compiled: `node dist/scripts/create-admin.js --email …`).\n';
    }
  }

  let server: Server | undefined;
  let connections: ConnectionDrainer | undefined;
  let jobs: JobRunner | undefined;
  if (config.role !== 'worker') {
    const app = createApp({ config, connection: db.connection, services, i18n, logger, ping: () => db.ping() });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
    });
    connections = trackConnections(server);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, mail: mailer.kind }, 'web server listening');
    process.stdout.write(`\nTakaru Skills is running: ${config.appUrl.replace(`:${config.port}`, `:${port}`)}\n` +
      (db.isFerret ? `Database: embedded FerretDB (data in ${config.dataDir}/ferretdb)\n` : 'Database: MONGODB_URI\n') +
      (mailer.kind === 'outbox' ? `Mail: local outbox (${config.outboxDir}), readable at /admin/outbox\n\n` : '\n') +
      firstStartNote);
  }
  if (config.role !== 'web') {
    // `web` processes only enqueue (services.notifications.queue saves jobs without running them).
    jobs = await startJobRunner({ connection: db.connection, jobs: services.jobs, logger, processEveryMs: JOB_POLL_MS });
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 40000);
    force.unref();
    try {
      // Stop accepting; requests in flight, also those sent but not yet read, are answered (drain.ts);
      // idle keep-alive sockets close now. 20 s at most, within the 40 s above.
      await connections?.drain({ graceMs: 20_000 });
      await jobs?.stop();
      // Emails a request started at once (a password-reset link) finish before the mailer closes.
      await services.notifications.service.idle();
      mailer.close();
      await db.close();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof EmbeddedDbError) {
    process.stderr.write(`\n${err.message}\n\n`);
  } else {
    process.stderr.write(`\nTakaru Skills failed to start: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
});
