import type { Role } from '../../src/modules/accounts';
import { WORKSHOPS_ROUTES } from './routes/workshops';
import { WORKERS_ROUTES } from './routes/workers';
import { CATALOGUE_ROUTES } from './routes/catalogue';
import { SCHEDULING_ROUTES } from './routes/scheduling';
import { NOTIFICATIONS_ROUTES } from './routes/notifications';
import { CALENDAR_ROUTES } from './routes/calendar';
import { ATTENDANCE_ROUTES } from './routes/attendance';
import { COMPETENCIES_ROUTES } from './routes/competencies';
import { ASSESSMENTS_ROUTES } from './routes/assessments';
import { CERTIFICATES_ROUTES } from './routes/certificates';
import { CONTINUITY_ROUTES } from './routes/continuity';
import { REPORTS_ROUTES } from './routes/reports';

/**
 * Who may reach each route. `public`: anyone; `anonymous`: pages for signed-out visitors (signed-in
 * accounts are sent home); `signed-in`: any account; a list: accounts holding one of those roles.
 * A route missing here fails the route guard test.
 */
export type Access = 'public' | 'anonymous' | 'signed-in' | readonly Role[];

export const ROUTE_TABLE: Record<string, Access> = {
  'GET /health': 'public',
  'GET /robots.txt': 'public',
  'GET /manifest.id.webmanifest': 'public',
  'GET /manifest.en.webmanifest': 'public',
  'GET /sw.js': 'public',
  'GET /offline': 'public',
  'GET /': 'public',
  'GET /login': 'anonymous',
  'POST /login': 'anonymous',
  'GET /forgot-password': 'anonymous',
  'POST /forgot-password': 'anonymous',
  'GET /reset-password/:token': 'anonymous',
  'POST /reset-password/:token': 'anonymous',
  'POST /logout': 'signed-in',
  'GET /account/password': 'signed-in',
  'POST /account/password': 'signed-in',
  'GET /admin/users': ['admin'],
  'GET /admin/users/new': ['admin'],
  'POST /admin/users': ['admin'],
  'GET /admin/users/:id': ['admin'],
  'POST /admin/users/:id': ['admin'],
  'POST /admin/users/:id/active': ['admin'],
  'POST /admin/users/:id/login-code': ['admin'],
  'GET /admin/outbox': ['admin'],
  'GET /admin/outbox/:id': ['admin'],
  'GET /home/admin': ['admin'],
  'GET /home/coordinator': ['coordinator'],
  'GET /home/instructor': ['instructor'],
  'GET /home/manager': ['manager'],
  'GET /home/worker': ['worker'],
  ...WORKSHOPS_ROUTES,
  ...WORKERS_ROUTES,
  ...CATALOGUE_ROUTES,
  ...SCHEDULING_ROUTES,
  ...NOTIFICATIONS_ROUTES,
  ...CALENDAR_ROUTES,
  ...ATTENDANCE_ROUTES,
  ...COMPETENCIES_ROUTES,
  ...ASSESSMENTS_ROUTES,
  ...CERTIFICATES_ROUTES,
  ...CONTINUITY_ROUTES,
  ...REPORTS_ROUTES,
};
