import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { Express } from 'express';
import pino from 'pino';
import { createApp, type AppDeps } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { ManualClock, type Clock } from '../../src/platform/clock';
import { pingConnection } from '../../src/platform/db/mongo';
import { createI18n } from '../../src/platform/i18n';
import { createMailer, type Mailer } from '../../src/platform/mail/mailer';
import { createServices, type Services } from '../../src/services';
import type { ServiceDeps } from '../../src/platform/deps';

export const APP_URL = 'http://skills.takaru.test';
const i18n = createI18n();
export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'takaru-data-')),
    APP_URL,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

export interface TestContext {
  app: Express;
  services: Services;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  /** The dependencies every module factory and seed function takes. */
  deps: ServiceDeps;
}

/** The real app on the test database, with what tests need to control injected. */
export function buildApp(opts: {
  smtpUrl?: string;
  clock?: Clock;
  ping?: () => Promise<boolean>;
  loginLimit?: AppDeps['loginLimit'];
  /** Extra environment for the config (e.g. `REPORTS_LIVE_MAX_MS`). */
  env?: Record<string, string>;
} = {}): TestContext {
  const config = testConfig({ ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : {}), ...opts.env });
  const clock = opts.clock ?? new ManualClock(new Date());
  const mailer = createMailer({ from: config.mailFrom, smtpUrl: config.smtpUrl, outboxDir: config.outboxDir });
  const deps: ServiceDeps = { config, connection: mongoose.connection, clock, mailer, i18n, logger: silentLogger };
  const services = createServices(deps);
  const app = createApp({
    config,
    connection: mongoose.connection,
    services,
    i18n,
    logger: silentLogger,
    ping: opts.ping ?? (() => pingConnection(mongoose.connection)),
    loginLimit: opts.loginLimit,
  });
  return { app, services, config, clock, mailer, deps };
}
