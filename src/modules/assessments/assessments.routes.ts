import { Router } from 'express';
import { requireRole } from '../../platform/http/guard';
import { assessmentsController } from './assessments.controller';
import { ASSESS_ROLES } from './assessments.policy';
import type { AssessmentsModule } from './index';

/** Routes of the assessments module (full paths; mounted at "/"). The service admits an instructor only for their sessions. */
export function assessmentsRoutes(mod: AssessmentsModule): Router {
  const r = Router();
  const assess = requireRole(...ASSESS_ROLES);
  const c = assessmentsController(mod.assessments);
  r.get('/sessions/:id/assessments', assess, c.show);
  r.post('/sessions/:id/assessments', assess, c.save);
  return r;
}
