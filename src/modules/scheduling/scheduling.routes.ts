import { Router } from 'express';
import type { SchedulingModule } from './index';

/** Routes of the scheduling module (full paths; mounted at "/"). */
export function schedulingRoutes(_mod: SchedulingModule): Router {
  const r = Router();
  return r;
}
