import type { JobDefinition } from '../../platform/jobs/registry';
import type { ReportSnapshots } from './snapshots.service';

/**
 * Report snapshots are built every 10 minutes, but only when there is none of today yet or data
 * changed since the last build (a quiet night costs two reads). A build reads every collection once
 * (minutes at 5,000 workers on FerretDB), so it runs off the request path and no more often than
 * this. Not at job-runner start: a build running while the database went away made the app's
 * recovery slower (fault test: 7 s → 22 s); until the first build, pages compute on read.
 */
export function reportsJobs(snapshots: ReportSnapshots): JobDefinition[] {
  return [
    {
      name: 'reports:build-snapshots',
      every: '*/10 * * * *',
      lockLifetimeMs: 60 * 60 * 1000,
      handler: async () => void (await snapshots.buildIfNeeded()),
    },
  ];
}
