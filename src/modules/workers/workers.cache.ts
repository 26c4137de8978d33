import type { Types } from 'mongoose';
import { cacheCollection } from '../../platform/db/collection-cache';
import { Worker } from './worker.model';

/*
 * The workers held in the process as small rows (platform/db/collection-cache.ts): the people of a
 * class (its page, register and assessment sheet name tens of them) and the login link. LIK Takaru
 * has a few thousand workers, written by coordinators and imports now and then; each of those
 * pages sent one read by `_id` per person before (`_id: {$in}` decodes every worker on FerretDB),
 * and a login without a worker record (instructors, coordinators) scanned the workers on every
 * request to find none. Every write drops the copy (this process at once, others through the
 * stamp); the first read after it loads the rows again (about 0.4 s at 5,000 workers).
 * Nothing personal beyond the name: no NIK, phone or email.
 */
export interface CachedWorker {
  _id: Types.ObjectId;
  name: string;
  workshop?: Types.ObjectId | null;
  position?: string | null;
  /** Trades the worker holds (the custom-period report's population by trade). */
  trades?: string[] | null;
  active?: boolean | null;
  user?: Types.ObjectId | null;
}

export const cachedWorkers = cacheCollection<CachedWorker>(Worker, { name: 1, workshop: 1, position: 1, trades: 1, active: 1, user: 1 });

const byUserOf = new WeakMap<Map<string, CachedWorker>, Map<string, string>>();

/** The worker linked to a login account, from the copy in memory (null: none). */
export async function cachedWorkerOfUser(userId: string): Promise<string | null> {
  const rows = await cachedWorkers.all();
  let byUser = byUserOf.get(rows);
  if (!byUser) {
    byUser = new Map();
    for (const [id, w] of rows) if (w.user) byUser.set(String(w.user), id);
    byUserOf.set(rows, byUser);
  }
  return byUser.get(userId) ?? null;
}
