import type { Access } from '../route-table';

/** Access rules for the workers module's routes (see route-table.ts). */
export const WORKERS_ROUTES: Record<string, Access> = {};
