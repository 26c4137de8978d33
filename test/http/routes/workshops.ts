import type { Access } from '../route-table';

const READERS = ['admin', 'coordinator', 'manager'] as const;
const EDITORS = ['admin', 'coordinator'] as const;

/** Access rules for the workshops module's routes (see route-table.ts). Managers read their own workshop only. */
export const WORKSHOPS_ROUTES: Record<string, Access> = {
  'GET /workshops': READERS,
  'GET /workshops/new': EDITORS,
  'POST /workshops': EDITORS,
  'GET /workshops/:id': READERS,
  'POST /workshops/:id': EDITORS,
  'POST /workshops/:id/archive': EDITORS,
};
