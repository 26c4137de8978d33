import type { Access } from '../route-table';

/** Access rules for the catalogue module's routes (see route-table.ts). */
export const CATALOGUE_ROUTES: Record<string, Access> = {};
