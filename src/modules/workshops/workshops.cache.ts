import type { Types } from 'mongoose';
import { cacheCollection } from '../../platform/db/collection-cache';
import { Workshop } from './workshop.model';

/*
 * The workshops held in the process (platform/db/collection-cache.ts): LIK Takaru has tens to a few
 * hundred, changed by an admin now and then, and nearly every list page names some (filters, the
 * workshop column, a class's people). `_id: {$in}` and `{archived: false}` would decode every
 * workshop on FerretDB on each of those pages. Every write drops the copy (this process at once,
 * others through the stamp).
 */
export interface CachedWorkshop {
  _id: Types.ObjectId;
  name: string;
  legalForm: string;
  archived?: boolean | null;
}

export const cachedWorkshops = cacheCollection<CachedWorkshop>(Workshop, { name: 1, legalForm: 1, archived: 1 });

/** Every workshop (archived ones too), by name as MongoDB sorts strings (binary). */
export async function workshopsByName(): Promise<CachedWorkshop[]> {
  return [...(await cachedWorkshops.all()).values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
