import type { Access } from '../route-table';

/** Access rules for the workshops module's routes (see route-table.ts). */
export const WORKSHOPS_ROUTES: Record<string, Access> = {};
