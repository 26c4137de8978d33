import { Router } from 'express';
import type { NotificationsModule } from './index';

/** Routes of the notifications module (full paths; mounted at "/"). */
export function notificationsRoutes(_mod: NotificationsModule): Router {
  const r = Router();
  return r;
}
