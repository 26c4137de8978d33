import type { ServiceDeps } from '../../platform/deps';

export { Workshop, LEGAL_FORMS, displayName } from './workshop.model';
export { listWorkshopOptions, workshopNames, type WorkshopOption } from './workshops.service';
export { workshopsRoutes } from './workshops.routes';

/** The IKM workshops (tenants) of LIK Takaru. */
export function createWorkshopsModule(deps: ServiceDeps) {
  return { deps };
}
export type WorkshopsModule = ReturnType<typeof createWorkshopsModule>;
