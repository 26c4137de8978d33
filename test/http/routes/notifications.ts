import type { Access } from '../route-table';

/** Access rules for the notifications module's routes (see route-table.ts). */
export const NOTIFICATIONS_ROUTES: Record<string, Access> = {
  'GET /inbox': 'signed-in',
  'POST /inbox/read-all': 'signed-in',
  'POST /inbox/:id/read': 'signed-in',
  // The preferences page is the notifications feature's (served by the accounts module).
  'GET /account/preferences': 'signed-in',
  'POST /account/preferences': 'signed-in',
  'GET /admin/notifications': ['admin'],
  'POST /admin/notifications/test-email': ['admin'],
  'POST /admin/notifications/:id/resend': ['admin'],
  'GET /admin/jobs': ['admin'],
  'POST /admin/jobs/:id/retry': ['admin'],
  'GET /notifications/unreachable': ['coordinator', 'admin'],
};
