import type { i18n } from 'i18next';
import type { Connection } from 'mongoose';
import type { Config } from './config';
import type { Clock } from './platform/clock';
import type { Logger } from './platform/logger';
import type { Mailer } from './platform/mail/mailer';
import { collectJobs } from './platform/jobs/registry';
import { platformJobs } from './platform/jobs/platform.jobs';
import { createAccountsModule } from './modules/accounts';
import { HomeService } from './modules/home';

export interface ServiceDeps {
  config: Config;
  connection: Connection;
  clock: Clock;
  mailer: Mailer;
  i18n: i18n;
  logger: Logger;
}

/** The composition root for domain services: web routes, jobs, scripts and tests all build them here. */
export function createServices(deps: ServiceDeps) {
  const accounts = createAccountsModule({
    connection: deps.connection,
    clock: deps.clock,
    mailer: deps.mailer,
    i18n: deps.i18n,
    appUrl: deps.config.appUrl,
    outboxDir: deps.config.outboxDir,
    logger: deps.logger,
  });
  const home = new HomeService();
  const jobs = collectJobs(accounts.jobs, platformJobs({ connection: deps.connection, clock: deps.clock }));
  return { accounts, home, jobs };
}
export type Services = ReturnType<typeof createServices>;
