import { Router } from 'express';
import type { CompetenciesModule } from './index';

/** Routes of the competencies module (full paths; mounted at "/"). */
export function competenciesRoutes(_mod: CompetenciesModule): Router {
  const r = Router();
  return r;
}
