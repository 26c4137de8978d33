import { Router } from 'express';
import { requireLogin, requireRole } from '../../platform/http/guard';
import { BROWSE_ROLES, MANAGE_ROLES } from './catalogue.policy';
import { competencyUnitsController } from './competency-units.controller';
import { coursesController } from './courses.controller';
import { instructorsController } from './instructors.controller';
import { roomsController } from './rooms.controller';
import type { CatalogueModule } from './index';

/** Routes of the catalogue module (full paths; mounted at "/"). The services check the same rules. */
export function catalogueRoutes(mod: CatalogueModule): Router {
  const r = Router();
  const manage = requireRole(...MANAGE_ROLES);
  const browse = requireRole(...BROWSE_ROLES);

  const units = competencyUnitsController(mod.units);
  r.get('/competency-units', manage, units.list);
  r.get('/competency-units/new', manage, units.showNew);
  r.post('/competency-units', manage, units.create);
  r.get('/competency-units/:id', manage, units.show);
  r.post('/competency-units/:id', manage, units.update);

  const courses = coursesController(mod.courses);
  r.get('/courses', browse, courses.list);
  r.get('/courses/new', manage, courses.showNew);
  r.post('/courses', manage, courses.create);
  r.get('/courses/:id', requireLogin, courses.show);
  r.get('/courses/:id/edit', manage, courses.showEdit);
  r.post('/courses/:id', manage, courses.update);
  r.post('/courses/:id/archive', manage, courses.archive);
  r.post('/courses/:id/unarchive', manage, courses.unarchive);

  const instructors = instructorsController(mod.instructors);
  r.get('/instructors', manage, instructors.list);
  r.get('/instructors/new', manage, instructors.showNew);
  r.post('/instructors', manage, instructors.create);
  r.get('/instructors/:id', manage, instructors.show);
  r.post('/instructors/:id', manage, instructors.update);
  r.post('/instructors/:id/active', manage, instructors.setActive);

  const rooms = roomsController(mod.rooms);
  r.get('/rooms', manage, rooms.list);
  r.get('/rooms/new', manage, rooms.showNew);
  r.post('/rooms', manage, rooms.create);
  r.get('/rooms/:id', manage, rooms.show);
  r.post('/rooms/:id', manage, rooms.update);
  r.post('/rooms/:id/active', manage, rooms.setActive);
  return r;
}
