import { Router } from 'express';
import type { CatalogueModule } from './index';

/** Routes of the catalogue module (full paths; mounted at "/"). */
export function catalogueRoutes(_mod: CatalogueModule): Router {
  const r = Router();
  return r;
}
