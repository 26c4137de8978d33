import type { Access } from '../route-table';

/** Access rules for the scheduling module's routes (see route-table.ts). */
export const SCHEDULING_ROUTES: Record<string, Access> = {};
