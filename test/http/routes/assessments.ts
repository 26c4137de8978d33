import type { Access } from '../route-table';

/** Access rules for the assessments module's routes (see route-table.ts). */
export const ASSESSMENTS_ROUTES: Record<string, Access> = {};
