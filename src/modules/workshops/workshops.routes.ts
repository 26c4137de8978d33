import { Router } from 'express';
import type { WorkshopsModule } from './index';

/** Routes of the workshops module (full paths; mounted at "/"). */
export function workshopsRoutes(_mod: WorkshopsModule): Router {
  const r = Router();
  return r;
}
