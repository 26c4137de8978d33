import type { Connection } from 'mongoose';
import type { Clock } from '../clock';
import { purgeExpiredRateLimits } from '../http/rate-limit';
import type { JobDefinition } from './registry';

/** Platform housekeeping: rate-limit counters past their window (no TTL indexes on FerretDB). */
export function platformJobs(deps: { connection: Connection; clock: Clock }): JobDefinition[] {
  return [
    {
      name: 'platform:purge-rate-limits',
      every: '*/30 * * * *',
      handler: async () => void (await purgeExpiredRateLimits(deps.connection, deps.clock.now())),
    },
  ];
}
