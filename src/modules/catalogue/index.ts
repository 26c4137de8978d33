import type { ServiceDeps } from '../../platform/deps';

export { TRADES, LEVELS, type Trade } from './trades';
export { CompetencyUnit } from './competency-unit.model';
export { Course } from './course.model';
export { Instructor } from './instructor.model';
export { Room, ROOM_KINDS } from './room.model';
export { catalogueRoutes } from './catalogue.routes';
export { seedCatalogueDemo } from './catalogue.seed';

/** Course catalogue, competency units (minimal), instructors and rooms. */
export function createCatalogueModule(deps: ServiceDeps) {
  return { deps };
}
export type CatalogueModule = ReturnType<typeof createCatalogueModule>;
