import type { Access } from '../route-table';

/** Access rules for the attendance module's routes (see route-table.ts). */
export const ATTENDANCE_ROUTES: Record<string, Access> = {};
