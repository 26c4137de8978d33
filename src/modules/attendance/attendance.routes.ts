import { Router } from 'express';
import { requireLogin, requireRole } from '../../platform/http/guard';
import { attendanceController } from './attendance.controller';
import { checkinController } from './checkin.controller';
import type { AttendanceModule } from './index';

/**
 * Routes of the attendance module (full paths; mounted at "/"). Those who teach: coordinators,
 * admins, and instructors — the service then admits only the instructors of that meeting/session.
 * Check-in: any signed-in account reaches the page; the service decides.
 */
export function attendanceRoutes(mod: AttendanceModule): Router {
  const r = Router();
  const c = attendanceController({ register: mod.register, summary: mod.summary });
  const k = checkinController({ checkin: mod.checkin });
  const teachers = requireRole('admin', 'coordinator', 'instructor');
  r.get('/meetings/:id/attendance', teachers, c.showRegister);
  r.post('/meetings/:id/attendance', teachers, c.saveRegister);
  r.post('/meetings/:id/attendance/all-present', teachers, c.markAllPresent);
  r.get('/meetings/:id/sign-in-sheet', teachers, c.signInSheet);
  r.get('/meetings/:id/checkin-code', teachers, c.checkinCode);
  r.get('/sessions/:id/attendance', teachers, c.sessionAttendance);
  r.get('/checkin/:token', requireLogin, k.show);
  r.post('/checkin/:token', requireLogin, k.checkIn);
  return r;
}
