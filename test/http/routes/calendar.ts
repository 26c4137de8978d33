import type { Access } from '../route-table';

/** Access rules for the calendar module's routes (see route-table.ts). */
export const CALENDAR_ROUTES: Record<string, Access> = {};
