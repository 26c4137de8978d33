import { Router, type RequestHandler } from 'express';
import { requireLogin, requireRole } from '../../platform/http/guard';
import { offlineCopy } from '../../platform/http/offline-copy';
import { calendarController } from './calendar.controller';
import { CALENDAR_ROLES, SCHEDULE_ROLES } from './calendar.policy';
import { sessionId } from './calendar.schemas';
import type { CalendarModule } from './index';

/**
 * This router is mounted before scheduling's: `/sessions/:id.ics` only matches a path ending in
 * ".ics", and anything that is not an ObjectId there is passed on (next('route')) untouched.
 */
const objectIdOnly: RequestHandler = (req, _res, next) => (sessionId.safeParse(req.params.id).success ? next() : next('route'));

/**
 * Calendar apps fetch the feed without cookies, every hour or so: without this, each fetch would
 * store a fresh (anonymous) session, since the page locals put a CSRF token in it.
 */
const noNewSession: RequestHandler = (req, _res, next) => {
  if (!req.user) (req as { session?: unknown }).session = undefined;
  next();
};

/** Routes of the calendar module (full paths; mounted at "/"). */
export function calendarRoutes(mod: CalendarModule): Router {
  const c = calendarController(mod);
  const r = Router();
  r.get('/calendar', requireRole(...CALENDAR_ROLES), c.calendar);
  // A worker's phone keeps this page for offline use (platform/http/offline-copy.ts); an instructor's it does not.
  r.get('/my/schedule', requireRole(...SCHEDULE_ROLES), offlineCopy(mod.deps.clock), c.mySchedule);
  r.post('/my/calendar-feed/revoke', requireRole(...SCHEDULE_ROLES), c.revokeFeed);
  r.get('/sessions/:id.ics', objectIdOnly, requireLogin, c.sessionIcs);
  // No login: calendar apps fetch it; the unguessable token is the credential.
  r.get('/ical/:token.ics', noNewSession, c.feed);
  return r;
}
