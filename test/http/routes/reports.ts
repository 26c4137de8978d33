import type { Access } from '../route-table';

/** Access rules for the reports module's routes: managers pass the guard; the service keeps them to their workshop. */
const REPORTS = ['admin', 'coordinator', 'manager'] as const;

export const REPORTS_ROUTES: Record<string, Access> = {
  'GET /reports': REPORTS,
  'GET /reports/export.csv': REPORTS,
  'GET /reports/export.xlsx': REPORTS,
  'GET /reports/capability': REPORTS,
  'GET /reports/capability.pdf': REPORTS,
  'POST /reports/capability/issue': ['coordinator', 'manager'],
  'GET /reports/capability/statements/:code.pdf': REPORTS,
  'GET /verify/statement/:code': 'public',
};
