import type { Access } from '../route-table';

const MANAGE = ['admin', 'coordinator'] as const;
// Instructors and managers read the course list (read-only); every account reads a course's page.
const BROWSE = ['admin', 'coordinator', 'instructor', 'manager'] as const;

/** Access rules for the catalogue module's routes (see route-table.ts). */
export const CATALOGUE_ROUTES: Record<string, Access> = {
  'GET /competency-units': MANAGE,
  'GET /competency-units/new': MANAGE,
  'POST /competency-units': MANAGE,
  'GET /competency-units/:id': MANAGE,
  'POST /competency-units/:id': MANAGE,
  'GET /courses': BROWSE,
  'GET /courses/new': MANAGE,
  'POST /courses': MANAGE,
  'GET /courses/:id': 'signed-in',
  'GET /courses/:id/edit': MANAGE,
  'POST /courses/:id': MANAGE,
  'POST /courses/:id/archive': MANAGE,
  'POST /courses/:id/unarchive': MANAGE,
  'GET /instructors': MANAGE,
  'GET /instructors/new': MANAGE,
  'POST /instructors': MANAGE,
  'GET /instructors/:id': MANAGE,
  'POST /instructors/:id': MANAGE,
  'POST /instructors/:id/active': MANAGE,
  'GET /rooms': MANAGE,
  'GET /rooms/new': MANAGE,
  'POST /rooms': MANAGE,
  'GET /rooms/:id': MANAGE,
  'POST /rooms/:id': MANAGE,
  'POST /rooms/:id/active': MANAGE,
};
