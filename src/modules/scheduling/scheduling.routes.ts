import { Router } from 'express';
import { requireLogin, requireRole } from '../../platform/http/guard';
import { enrollmentController } from './enrollment.controller';
import { pickerController } from './picker.controller';
import type { SchedulingModule } from './index';
import { sessionsController } from './sessions.controller';

/** Routes of the scheduling module (full paths; mounted at "/"). */
export function schedulingRoutes(mod: SchedulingModule): Router {
  const r = Router();
  const s = sessionsController(mod);
  const e = enrollmentController(mod, s);
  const plan = requireRole('coordinator', 'admin');
  const staff = requireRole('coordinator', 'admin', 'instructor', 'manager');
  r.get('/sessions', staff, s.list);
  r.get('/sessions/open', requireLogin, s.open);
  r.get('/sessions/new', plan, s.showNew);
  r.post('/sessions', plan, s.create);
  r.get('/sessions/:id', requireLogin, s.show);
  r.get('/sessions/:id/edit', plan, s.showEdit);
  r.post('/sessions/:id', plan, s.update);
  r.post('/sessions/:id/cancel', plan, s.cancel);
  r.post('/sessions/:id/meetings', plan, s.addMeeting);
  r.post('/sessions/:id/meetings/:meetingId', plan, s.moveMeeting);
  r.post('/sessions/:id/meetings/:meetingId/cancel', plan, s.cancelMeeting);
  r.get('/sessions/:id/enroll', plan, pickerController().show);
  r.post('/sessions/:id/enrollments', plan, e.enrol);
  r.post('/sessions/:id/enrollments/bulk', plan, e.bulk);
  r.post('/sessions/:id/request', requireLogin, e.request);
  r.post('/enrollments/:id/cancel', requireLogin, e.cancel);
  return r;
}
