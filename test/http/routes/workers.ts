import type { Access } from '../route-table';

const READERS = ['admin', 'coordinator', 'manager'] as const;
const EDITORS = ['admin', 'coordinator'] as const;

/** Access rules for the workers module's routes (see route-table.ts). Managers read their workshop's workers only. */
export const WORKERS_ROUTES: Record<string, Access> = {
  'GET /workers': READERS,
  'GET /workers/new': EDITORS,
  'POST /workers': EDITORS,
  'GET /workers/import': EDITORS,
  'GET /workers/import/template.csv': EDITORS,
  'GET /workers/import/template.xlsx': EDITORS,
  'POST /workers/import': EDITORS,
  'GET /workers/import/:id': EDITORS,
  'POST /workers/import/:id/confirm': EDITORS,
  'GET /workers/:id': READERS,
  'GET /workers/:id/edit': EDITORS,
  'POST /workers/:id': EDITORS,
  'POST /workers/:id/active': EDITORS,
  'POST /workers/:id/account': EDITORS,
  'POST /workers/:id/account/link': EDITORS,
  'POST /workers/:id/login-code': EDITORS,
};
