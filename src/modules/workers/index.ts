import type { ServiceDeps } from '../../platform/deps';
import { SessionRevoker } from '../../platform/http/session';
import { AccountsService, LoginCodesService } from '../accounts';
import { WorkerImportService } from './import/import.service';
import { WorkersService } from './workers.service';
import { WorkerLoginsService } from './worker-logins.service';
import { workersJobs } from './workers.jobs';

export { Worker } from './worker.model';
export { WorkerImport } from './worker-import.model';
export { WorkersService } from './workers.service';
export { WorkerLoginsService } from './worker-logins.service';
export { WorkerImportService } from './import/import.service';
export { findWorkerIdByUser, selectWorkerIds, listPositions } from './workers.lookup';
export { cachedWorkers, type CachedWorker } from './workers.cache';
export { workshopRosters, workersChanged, rebuildWorkerReadModels, workshopWorkers, workerPositions, type RosterWorker, type WorkshopWorkers } from './workers.read-models';
export type { WorkerRow, WorkerDetail } from './workers.view';
export { workersRoutes } from './workers.routes';
export { seedWorkersDemo, generateDemoWorkers } from './workers.seed';

/** Workers of the workshops: records, search, login accounts on demand, bulk import. */
export function createWorkersModule(deps: ServiceDeps) {
  const sessions = new SessionRevoker(deps.connection);
  const accounts = new AccountsService({ clock: deps.clock, sessions });
  const workers = new WorkersService({ clock: deps.clock, accounts, sessions });
  const logins = new WorkerLoginsService({ workers, codes: new LoginCodesService({ clock: deps.clock, sessions, appUrl: deps.config.appUrl }) });
  const imports = new WorkerImportService({ clock: deps.clock, i18n: deps.i18n });
  return { workers, logins, imports, jobs: workersJobs({ imports, clock: deps.clock }) };
}
export type WorkersModule = ReturnType<typeof createWorkersModule>;
