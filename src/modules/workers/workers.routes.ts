import { Router } from 'express';
import type { WorkersModule } from './index';

/** Routes of the workers module (full paths; mounted at "/"). */
export function workersRoutes(_mod: WorkersModule): Router {
  const r = Router();
  return r;
}
