import { Router } from 'express';
import type { AttendanceModule } from './index';

/** Routes of the attendance module (full paths; mounted at "/"). */
export function attendanceRoutes(_mod: AttendanceModule): Router {
  const r = Router();
  return r;
}
