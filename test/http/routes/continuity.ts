import type { Access } from '../route-table';

/** Access rules for the continuity module's routes (see route-table.ts). */
export const CONTINUITY_ROUTES: Record<string, Access> = {};
