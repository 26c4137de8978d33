import { loadConfig } from '../src/config';
import { buildIndexes, connectDatabase } from '../src/platform/db/mongo';
import { createLogger } from '../src/platform/logger';
import { systemClock } from '../src/platform/clock';
import { ReportSnapshots } from '../src/modules/reports';

/**
 * `npm run reports:snapshots`: builds the report snapshots now, in this process (what the job
 * `reports:build-snapshots` does every 10 minutes when data changed). For after a bulk load (the
 * generator, an import run outside the app) when the pages should be fast before the job's turn.
 */
async function run() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await connectDatabase(config, logger);
  await buildIndexes();
  const s = await new ReportSnapshots({ clock: systemClock, logger }).build();
  process.stdout.write(
    `Report snapshots: ${s.scopes} scope(s) in ${(s.totalMs / 1000).toFixed(1)} s (reading ${(s.loadMs / 1000).toFixed(1)} s, ` +
      `computing and storing ${(s.computeMs / 1000).toFixed(1)} s, ${Math.round(s.bytes / 1024)} KB); ` +
      `one live computation of the whole report: ${(s.liveMs / 1000).toFixed(1)} s.\n`,
  );
  await db.close();
}

run().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
