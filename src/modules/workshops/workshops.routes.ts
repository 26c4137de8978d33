import { Router } from 'express';
import { requireRole } from '../../platform/http/guard';
import { workshopsController } from './workshops.controller';
import type { WorkshopsModule } from './index';

/** Routes of the workshops module (full paths; mounted at "/"). */
export function workshopsRoutes(mod: WorkshopsModule): Router {
  const r = Router();
  const c = workshopsController(mod.workshops);
  const readers = requireRole('admin', 'coordinator', 'manager');
  const editors = requireRole('admin', 'coordinator');
  r.get('/workshops', readers, c.list);
  r.get('/workshops/new', editors, c.showNew);
  r.post('/workshops', editors, c.create);
  r.get('/workshops/:id', readers, c.show);
  r.post('/workshops/:id', editors, c.update);
  r.post('/workshops/:id/archive', editors, c.setArchived);
  return r;
}
