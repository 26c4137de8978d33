import type { i18n } from 'i18next';
import type { Connection } from 'mongoose';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { Mailer } from '../../platform/mail/mailer';
import { Outbox } from '../../platform/mail/outbox';
import { EmailRenderer } from '../../platform/mail/render';
import { SessionRevoker } from '../../platform/http/session';
import { AccountsService } from './accounts.service';
import { accountsJobs } from './accounts.jobs';
import { PasswordResetService } from './password-reset.service';

export { AccountsService, type SessionUser } from './accounts.service';
export { PasswordResetService, RESET_TTL_MS } from './password-reset.service';
export { accountsRoutes } from './accounts.routes';
export { authController } from './auth.controller';
export { usersController } from './users.controller';
export { User, ROLES, type Role } from './user.model';
export { Credential } from './credential.model';
export { PasswordReset } from './password-reset.model';
export { parseIdentifier, normalizePhone, formatPhone } from './identifiers';
export { hashPassword } from './passwords';

export interface AccountsModuleDeps {
  connection: Connection;
  clock: Clock;
  mailer: Mailer;
  i18n: i18n;
  appUrl: string;
  outboxDir: string;
  logger: Logger;
}

/** Wires the accounts services; the HTTP layer and jobs take what they need from here. */
export function createAccountsModule(deps: AccountsModuleDeps) {
  const sessions = new SessionRevoker(deps.connection);
  const accounts = new AccountsService({ clock: deps.clock, sessions });
  const resets = new PasswordResetService({
    clock: deps.clock,
    mailer: deps.mailer,
    emails: new EmailRenderer(deps.i18n, deps.appUrl),
    accounts,
    sessions,
    appUrl: deps.appUrl,
    logger: deps.logger,
  });
  return {
    accounts,
    resets,
    sessions,
    outbox: new Outbox(deps.outboxDir),
    jobs: accountsJobs({ resets, sessions, clock: deps.clock }),
  };
}
export type AccountsModule = ReturnType<typeof createAccountsModule>;
