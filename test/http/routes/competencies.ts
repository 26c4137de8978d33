import type { Access } from '../route-table';

/**
 * Access rules for the competencies module's routes (see route-table.ts). A manager passes the
 * matrix's guard; the service then shows only their own workshop.
 */
const PROFILES = ['admin', 'coordinator'] as const;
const MATRIX = ['admin', 'coordinator', 'manager'] as const;

export const COMPETENCIES_ROUTES: Record<string, Access> = {
  'GET /job-profiles': PROFILES,
  'GET /job-profiles/new': PROFILES,
  'POST /job-profiles': PROFILES,
  'GET /job-profiles/:id': PROFILES,
  'POST /job-profiles/:id': PROFILES,
  'POST /job-profiles/:id/delete': PROFILES,
  'GET /competencies/matrix': MATRIX,
  'GET /competencies/matrix.csv': MATRIX,
  'GET /competencies/matrix.xlsx': MATRIX,
  'GET /my/skills': ['worker'],
};
