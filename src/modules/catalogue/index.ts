import type { ServiceDeps } from '../../platform/deps';
import { CompetencyUnitsService } from './competency-units.service';
import { CoursesService } from './courses.service';
import { InstructorsService } from './instructors.service';
import { RoomsService } from './rooms.service';

export { TRADES, LEVELS, type Trade } from './trades';
export { CompetencyUnit } from './competency-unit.model';
export { Course } from './course.model';
export { Instructor } from './instructor.model';
export { Room, ROOM_KINDS } from './room.model';
export { catalogueRoutes } from './catalogue.routes';
export { seedCatalogueDemo } from './catalogue.seed';
export {
  listCourseOptions,
  getCourseSummary,
  courseNames,
  listInstructorOptions,
  instructorNames,
  findInstructorIdByUser,
  listRoomOptions,
  roomNames,
  type CourseOption,
  type CourseSummary,
  type InstructorOption,
  type RoomOption,
} from './catalogue.options';
export { courseTitle, localized, pickLanguage, type Bilingual } from './localized';
export { cachedCourses, cachedRooms, cachedInstructors, cachedUnits, type CachedCourse, type CachedRoom, type CachedInstructor } from './catalogue.cache';
export { allPrerequisites, findPrerequisiteCycle } from './prerequisites';
export { canManageCatalogue, MANAGE_ROLES, BROWSE_ROLES } from './catalogue.policy';
export { listUnitOptions, type UnitOption } from './competency-units.service';

/** Course catalogue, competency units (minimal), instructors and rooms. */
export function createCatalogueModule(deps: ServiceDeps, others: { upcomingSessions?: (courseId: string) => Promise<number> } = {}) {
  return {
    deps,
    units: new CompetencyUnitsService(),
    courses: new CoursesService({ upcomingSessions: others.upcomingSessions }),
    instructors: new InstructorsService(),
    rooms: new RoomsService(),
  };
}
export type CatalogueModule = ReturnType<typeof createCatalogueModule>;
