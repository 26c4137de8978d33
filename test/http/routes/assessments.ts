import type { Access } from '../route-table';

/**
 * Access rules for the assessments module's routes (see route-table.ts). The roles here pass the
 * route guard; the service then admits an instructor only for the sessions they teach.
 */
const ASSESSORS = ['admin', 'coordinator', 'instructor'] as const;

export const ASSESSMENTS_ROUTES: Record<string, Access> = {
  'GET /sessions/:id/assessments': ASSESSORS,
  'POST /sessions/:id/assessments': ASSESSORS,
};
