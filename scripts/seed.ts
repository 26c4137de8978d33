import { loadConfig } from '../src/config';
import { buildIndexes, connectDatabase } from '../src/platform/db/mongo';
import { createLogger } from '../src/platform/logger';
import { demoLoginsText, seedDemoData } from '../src/demo/seed';
import { systemClock } from '../src/platform/clock';
import { createI18n } from '../src/platform/i18n';
import { createMailer } from '../src/platform/mail/mailer';

/**
 * `npm run seed`: loads the demo data into the configured database (idempotent). Running it is the
 * explicit request; production also needs SEED_DEMO=always, and its demo accounts get random
 * passwords, printed once here.
 */
async function run() {
  const config = loadConfig();
  if (config.isProduction && config.seedDemo !== 'always') {
    throw new Error('Refusing to load demo data in production: set SEED_DEMO=always to mean it (demo accounts then get random passwords).');
  }
  const logger = createLogger(config.logLevel);
  const db = await connectDatabase(config, logger);
  await buildIndexes();
  const mailer = createMailer({ from: config.mailFrom, smtpUrl: config.smtpUrl, outboxDir: config.outboxDir });
  const deps = { config, connection: db.connection, clock: systemClock, mailer, i18n: createI18n(), logger };
  const { created, logins } = await seedDemoData(deps);
  process.stdout.write(`Demo data: ${created} record(s) created (0 means it was all there already).\n${demoLoginsText(logins)}`);
  await db.close();
}

run().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
