import type { Connection } from 'mongoose';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { Outbox } from '../../platform/mail/outbox';
import { SessionRevoker } from '../../platform/http/session';
import type { NoticeKinds } from '../notifications';
import { AccountsService, type WorkerLinkPort } from './accounts.service';
import { LoginCodesService } from './login-codes.service';
import { accountsJobs } from './accounts.jobs';
import { PasswordResetService, passwordResetKind, type ResetNotices } from './password-reset.service';

export { AccountsService, type SessionUser, type WorkerLinkPort } from './accounts.service';
export { LoginCodesService, LOGIN_CODE_TTL_MS, type IssuedLoginCode } from './login-codes.service';
export { LoginCode, LoginCodeUse } from './login-code.model';
export { requirePasswordChange } from './password-change.guard';
export { PasswordResetService, RESET_TTL_MS, passwordResetKind } from './password-reset.service';
export { preferencesController } from './preferences.controller';
export { accountsRoutes } from './accounts.routes';
export { authController } from './auth.controller';
export { usersController } from './users.controller';
export { User, ROLES, type Role } from './user.model';
export { Credential } from './credential.model';
export { PasswordReset } from './password-reset.model';
export { parseIdentifier, normalizePhone, formatPhone } from './identifiers';
export { hashPassword, generatePassword } from './passwords';

export interface AccountsModuleDeps {
  connection: Connection;
  clock: Clock;
  /** Password-reset links go out as notices (the notifications module's delivery). */
  notices: ResetNotices;
  kinds: NoticeKinds;
  appUrl: string;
  outboxDir: string;
  logger: Logger;
  /** Links admin-made worker logins to their worker records (from the workers module). */
  workerLinks?: WorkerLinkPort;
}

/** Wires the accounts services; the HTTP layer and jobs take what they need from here. */
export function createAccountsModule(deps: AccountsModuleDeps) {
  const sessions = new SessionRevoker(deps.connection);
  const codes = new LoginCodesService({ clock: deps.clock, sessions, appUrl: deps.appUrl });
  const accounts = new AccountsService({ clock: deps.clock, sessions, loginCodes: codes, workerLinks: deps.workerLinks });
  deps.kinds.register(passwordResetKind(deps.appUrl));
  const resets = new PasswordResetService({
    clock: deps.clock,
    notices: deps.notices,
    accounts,
    sessions,
    appUrl: deps.appUrl,
    logger: deps.logger,
  });
  return {
    accounts,
    resets,
    codes,
    sessions,
    outbox: new Outbox(deps.outboxDir),
    jobs: accountsJobs({ resets, codes, sessions, clock: deps.clock }),
  };
}
export type AccountsModule = ReturnType<typeof createAccountsModule>;
