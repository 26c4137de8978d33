import type { Access } from '../route-table';

/** Access rules for the competencies module's routes (see route-table.ts). */
export const COMPETENCIES_ROUTES: Record<string, Access> = {};
