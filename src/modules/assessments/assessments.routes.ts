import { Router } from 'express';
import type { AssessmentsModule } from './index';

/** Routes of the assessments module (full paths; mounted at "/"). */
export function assessmentsRoutes(_mod: AssessmentsModule): Router {
  const r = Router();
  return r;
}
