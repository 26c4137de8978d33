import type { Access } from '../route-table';

/** Access rules for the certificates module's routes (see route-table.ts). */
export const CERTIFICATES_ROUTES: Record<string, Access> = {};
