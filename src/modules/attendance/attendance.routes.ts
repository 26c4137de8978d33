import { Router, type RequestHandler } from 'express';
import { createRequire } from 'node:module';
import { requireLogin, requireRole } from '../../platform/http/guard';
import { accountFailureLimiter } from '../../platform/http/rate-limit';
import { attendanceController } from './attendance.controller';
import { checkinController } from './checkin.controller';
import type { AttendanceModule } from './index';

/**
 * Routes of the attendance module (full paths; mounted at "/"). Those who teach: coordinators,
 * admins, and instructors — the service then admits only the instructors of that meeting/session.
 * Check-in: any signed-in account reaches the page; the service decides.
 */
/** Wrong typed check-in codes allowed per account and window. */
export const CHECKIN_CODE_LIMIT = { limit: 10, windowMs: 15 * 60 * 1000 };

/** jsQR's browser build (UMD, defines `jsQR`); a day's HTTP caching, as for the other public files. */
const JSQR_FILE = createRequire(__filename).resolve('jsqr/dist/jsQR.js');
const sendJsQr: RequestHandler = (_req, res) => {
  res.set('Cache-Control', 'public, max-age=86400').type('text/javascript').sendFile(JSQR_FILE);
};

export function attendanceRoutes(mod: AttendanceModule): Router {
  const r = Router();
  const c = attendanceController({ register: mod.register, summary: mod.summary, screen: mod.screen, appUrl: mod.deps.config.appUrl });
  const k = checkinController({ checkin: mod.checkin });
  const teachers = requireRole('admin', 'coordinator', 'instructor');
  r.get('/meetings/:id/attendance', teachers, c.showRegister);
  r.post('/meetings/:id/attendance', teachers, c.saveRegister);
  r.post('/meetings/:id/attendance/all-present', teachers, c.markAllPresent);
  r.get('/meetings/:id/sign-in-sheet', teachers, c.signInSheet);
  r.get('/meetings/:id/checkin-code', teachers, c.checkinCode);
  r.get('/sessions/:id/attendance', teachers, c.sessionAttendance);
  r.get('/checkin', requireLogin, k.showCodeForm);
  // The camera scanner ("Absen sekarang") and its QR decoder, served from node_modules (no CDN).
  r.get('/checkin/scan', requireLogin, k.showScanner);
  r.get('/vendor/jsqr.js', sendJsQr);
  // A 6-digit code valid for a minute must not be guessed at machine speed: 10 wrong codes per
  // account in 15 minutes (counted per account, since a whole class shares the workshop's address).
  const guesses = accountFailureLimiter(mod.deps.connection, 'checkin-code:', CHECKIN_CODE_LIMIT.limit, CHECKIN_CODE_LIMIT.windowMs, (req, res) => {
    res.status(429).render('errors/error', { status: 429, messageKey: 'errors:rate_limited', messageParams: {}, requestId: req.id });
  });
  r.post('/checkin', requireLogin, guesses, k.checkInWithCode);
  r.get('/checkin/:meetingId/:step/:sig', requireLogin, k.show);
  r.post('/checkin/:meetingId/:step/:sig', requireLogin, k.checkIn);
  return r;
}
