import type { i18n } from 'i18next';
import type { Connection } from 'mongoose';
import type { Config } from '../config';
import type { Clock } from './clock';
import type { Logger } from './logger';
import type { Mailer } from './mail/mailer';

/** What every module factory receives (`create<Module>Module(deps)`); the same object everywhere. */
export interface ServiceDeps {
  config: Config;
  connection: Connection;
  clock: Clock;
  mailer: Mailer;
  i18n: i18n;
  logger: Logger;
}
