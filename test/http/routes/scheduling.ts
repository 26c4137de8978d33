import type { Access } from '../route-table';

const plan = ['coordinator', 'admin'] as const;

/** Access rules for the scheduling module's routes (see route-table.ts). */
export const SCHEDULING_ROUTES: Record<string, Access> = {
  'GET /sessions': ['coordinator', 'admin', 'instructor', 'manager'],
  'GET /sessions/open': 'signed-in',
  'GET /sessions/new': plan,
  'POST /sessions': plan,
  // Any account may ask; the service shows workers only open sessions and their own.
  'GET /sessions/:id': 'signed-in',
  'GET /sessions/:id/edit': plan,
  'POST /sessions/:id': plan,
  'POST /sessions/:id/cancel': plan,
  'POST /sessions/:id/meetings': plan,
  'POST /sessions/:id/meetings/:meetingId': plan,
  'POST /sessions/:id/meetings/:meetingId/cancel': plan,
  'GET /sessions/:id/enroll': plan,
  'POST /sessions/:id/enrollments': plan,
  'POST /sessions/:id/enrollments/bulk': plan,
  'POST /sessions/:id/request': 'signed-in',
  'POST /enrollments/:id/cancel': 'signed-in',
};
