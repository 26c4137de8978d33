import type { ServiceDeps } from '../../platform/deps';

export { Worker } from './worker.model';
export { workersRoutes } from './workers.routes';
export { seedWorkersDemo } from './workers.seed';

/** Workers of the workshops: records, search, login accounts on demand, bulk import. */
export function createWorkersModule(deps: ServiceDeps) {
  return { deps };
}
export type WorkersModule = ReturnType<typeof createWorkersModule>;
