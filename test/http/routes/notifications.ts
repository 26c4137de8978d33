import type { Access } from '../route-table';

/** Access rules for the notifications module's routes (see route-table.ts). */
export const NOTIFICATIONS_ROUTES: Record<string, Access> = {
  'GET /inbox': 'signed-in',
  'POST /inbox/read-all': 'signed-in',
  'POST /inbox/:id/read': 'signed-in',
};
