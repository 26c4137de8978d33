import type { ServiceDeps } from '../../platform/deps';
import { WorkshopsService } from './workshops.service';

export { Workshop, LEGAL_FORMS, displayName, splitWorkshopName, type LegalForm } from './workshop.model';
export { listWorkshopOptions, workshopNames, WorkshopsService, type WorkshopOption, type WorkshopRow } from './workshops.service';
export { workshopsRoutes } from './workshops.routes';
export { cachedWorkshops, workshopsByName, type CachedWorkshop } from './workshops.cache';

/** The IKM workshops (tenants) of LIK Takaru. */
export function createWorkshopsModule(_deps: ServiceDeps) {
  return { workshops: new WorkshopsService() };
}
export type WorkshopsModule = ReturnType<typeof createWorkshopsModule>;
