import { Router } from 'express';
import type { CalendarModule } from './index';

/** Routes of the calendar module (full paths; mounted at "/"). */
export function calendarRoutes(_mod: CalendarModule): Router {
  const r = Router();
  return r;
}
