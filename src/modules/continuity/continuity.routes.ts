import { Router } from 'express';
import type { ContinuityModule } from './index';

/** Routes of the continuity module (full paths; mounted at "/"). */
export function continuityRoutes(_mod: ContinuityModule): Router {
  const r = Router();
  return r;
}
