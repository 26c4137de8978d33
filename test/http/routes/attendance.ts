import type { Access } from '../route-table';

/**
 * Access rules for the attendance module's routes (see route-table.ts). The roles here pass the
 * route guard; the service then admits an instructor only for the meetings and sessions they teach.
 */
const TEACHERS = ['admin', 'coordinator', 'instructor'] as const;

export const ATTENDANCE_ROUTES: Record<string, Access> = {
  'GET /meetings/:id/attendance': TEACHERS,
  'POST /meetings/:id/attendance': TEACHERS,
  'POST /meetings/:id/attendance/all-present': TEACHERS,
  'GET /meetings/:id/sign-in-sheet': TEACHERS,
  'GET /meetings/:id/checkin-code': TEACHERS,
  'GET /sessions/:id/attendance': TEACHERS,
  'GET /checkin': 'signed-in',
  'GET /checkin/scan': 'signed-in',
  'GET /vendor/jsqr.js': 'public',
  'POST /checkin': 'signed-in',
  'GET /checkin/:meetingId/:step/:sig': 'signed-in',
  'POST /checkin/:meetingId/:step/:sig': 'signed-in',
};
