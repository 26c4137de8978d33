import { Router } from 'express';
import type { CertificatesModule } from './index';

/** Routes of the certificates module (full paths; mounted at "/"). */
export function certificatesRoutes(_mod: CertificatesModule): Router {
  const r = Router();
  return r;
}
