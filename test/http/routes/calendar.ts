import type { Access } from '../route-table';

/** Access rules for the calendar module's routes (see route-table.ts). */
export const CALENDAR_ROUTES: Record<string, Access> = {
  'GET /calendar': ['coordinator', 'admin', 'instructor', 'manager'],
  'GET /my/schedule': ['worker', 'instructor'],
  'POST /my/calendar-feed/revoke': ['worker', 'instructor'],
  // Any signed-in account; the service then decides per session (workers: their own or open ones).
  'GET /sessions/:id.ics': 'signed-in',
  // Calendar apps fetch it without login: the secret token in the URL is the credential.
  'GET /ical/:token.ics': 'public',
};
