import type { Access } from '../route-table';

/** Coordinators and admins for every workshop; managers for their own (enforced by the service: 404 elsewhere). */
const ALLOWED = ['admin', 'coordinator', 'manager'] as const;

/** Access rules for the continuity module's routes (see route-table.ts). */
export const CONTINUITY_ROUTES: Record<string, Access> = {
  'GET /continuity': ALLOWED,
  'GET /continuity/workers/:id': ALLOWED,
  'POST /continuity/workers/:id/entries': ALLOWED,
  'GET /continuity/workshops/:id': ALLOWED,
  'POST /continuity/workshops/:id/confirm': ALLOWED,
};
