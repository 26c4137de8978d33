import type { Clock } from '../../platform/clock';
import type { JobDefinition } from '../../platform/jobs/registry';
import type { WorkerImportService } from './import/import.service';

/** Housekeeping a TTL index would do on MongoDB (FerretDB has none): imports kept for their preview only. */
export function workersJobs(deps: { imports: WorkerImportService; clock: Clock }): JobDefinition[] {
  return [
    {
      name: 'workers:purge-imports',
      every: '30 * * * *',
      handler: async () => void (await deps.imports.purge(deps.clock.now())),
    },
  ];
}
