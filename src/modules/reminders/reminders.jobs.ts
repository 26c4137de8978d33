import type { JobDefinition } from '../../platform/jobs/registry';
import type { ExpiryService } from './expiry.service';
import type { RemindersService } from './reminders.service';

/**
 * The meeting scan runs when the worker starts and then every minute, so reminders for meetings in
 * the next 24 hours are recorded within a minute of a fresh start (and emailed moments later). The
 * certificate scan runs at start and every morning at 06:00 WIB; the digest on Mondays at 07:00 WIB.
 * Every scan records notices under deterministic keys: running one again records nothing.
 */
export function remindersJobs(reminders: RemindersService, expiry: ExpiryService): JobDefinition[] {
  return [
    {
      name: 'reminders:scan-meetings',
      every: '* * * * *',
      runAtStart: true,
      lockLifetimeMs: 5 * 60 * 1000,
      handler: async () => void (await reminders.scanMeetings()),
    },
    {
      name: 'reminders:scan-certificates',
      every: '0 6 * * *',
      runAtStart: true,
      lockLifetimeMs: 15 * 60 * 1000,
      handler: async () => void (await expiry.scanCertificates()),
    },
    {
      name: 'reminders:send-digests',
      every: '0 7 * * 1',
      lockLifetimeMs: 15 * 60 * 1000,
      handler: async () => void (await expiry.recordDigests()),
    },
  ];
}
