import type { ServiceDeps } from '../../platform/deps';

export { PROCESSES, type WeldingProcess } from './processes';
export { ContinuityEntry } from './continuity-entry.model';
export { continuityRoutes } from './continuity.routes';

/** The welder continuity log, six-monthly confirmation per workshop, and who is about to lapse. */
export function createContinuityModule(deps: ServiceDeps) {
  return { deps };
}
export type ContinuityModule = ReturnType<typeof createContinuityModule>;
