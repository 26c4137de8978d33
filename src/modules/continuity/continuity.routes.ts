import { Router } from 'express';
import { requireRole } from '../../platform/http/guard';
import { continuityController } from './continuity.controller';
import type { ContinuityModule } from './index';

/**
 * Routes of the continuity module (full paths; mounted at "/"). Coordinators and admins for every
 * workshop, managers for their own (the service enforces the workshop).
 */
export function continuityRoutes(mod: ContinuityModule): Router {
  const r = Router();
  const c = continuityController(mod.log, mod.confirmations);
  const allowed = requireRole('admin', 'coordinator', 'manager');

  r.get('/continuity', allowed, c.overview);
  r.get('/continuity/workers/:id', allowed, c.showWelder);
  r.post('/continuity/workers/:id/entries', allowed, c.addEntry);
  r.get('/continuity/workshops/:id', allowed, c.showWorkshop);
  r.post('/continuity/workshops/:id/confirm', allowed, c.confirm);
  return r;
}
