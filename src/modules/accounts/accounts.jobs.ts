import type { JobDefinition } from '../../platform/jobs/registry';
import type { LoginCodesService } from './login-codes.service';
import type { PasswordResetService } from './password-reset.service';
import type { SessionRevoker } from '../../platform/http/session';
import type { Clock } from '../../platform/clock';

/** Housekeeping that TTL indexes would do on MongoDB (FerretDB has none). */
export function accountsJobs(deps: { resets: PasswordResetService; codes: LoginCodesService; sessions: SessionRevoker; clock: Clock }): JobDefinition[] {
  return [
    {
      name: 'accounts:purge-expired-sessions',
      every: '0 * * * *',
      handler: async () => void (await deps.sessions.purgeExpired(deps.clock.now())),
    },
    {
      name: 'accounts:purge-reset-tokens',
      every: '15 * * * *',
      handler: async () => {
        await deps.resets.purge(deps.clock.now());
        await deps.codes.purge(deps.clock.now());
      },
    },
  ];
}
