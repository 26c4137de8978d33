import { randomUUID } from 'node:crypto';
import mongoose, { Schema, model, type Model } from 'mongoose';
import { observeWrites } from './write-observer';

/**
 * Small, rarely written collections (the catalogue: courses, rooms, instructors, units) held in the
 * process, so a page resolves names from memory instead of `_id: {$in}` (a full scan on FerretDB).
 *
 * Kept right in two ways:
 * - in this process, every write to a cached collection (any API, also `deleteMany` in tests) is seen
 *   by driver command monitoring (`observeWrites`) and drops the copy at once;
 * - across processes, the observer also replaces a stamp (`cachestamps`, one document per collection)
 *   and every read compares it by `_id` (one point read per collection and page): another process's
 *   copy is dropped once its stamp differs. That stamp is written just after the write answered, so
 *   another process may serve the old copy for those few milliseconds.
 * Without command monitoring (no observer installed) nothing is cached: every read goes to the database.
 */
const stampSchema = new Schema({ _id: { type: String, required: true }, n: { type: String, required: true } }, { versionKey: false, collection: 'cachestamps' });
const CacheStamp = model('CacheStamp', stampSchema);

interface Entry {
  load: () => Promise<Map<string, unknown>>;
  /** Bumped by every observed write; a load started before a write is not kept. */
  gen: number;
  copy?: { gen: number; stamp: string; rows: Promise<Map<string, unknown>> };
}

/** The caches of each collection (several modules may cache one collection with different projections). */
const entries = new Map<string, Entry[]>();
/** This process's stamp write per collection, awaited before the next stamp read (see `changed`). */
const stampWrites = new Map<string, Promise<unknown>>();
let observed: { client: unknown; stop: () => void } | null = null;

function changed(collection: string): void {
  for (const entry of entries.get(collection) ?? []) {
    entry.gen++;
    entry.copy = undefined;
  }
  // Tells other processes; a failure only delays their refresh until the next write. A read in this
  // process waits for it: reading the stamp before it lands would keep a copy under the old stamp,
  // which the next read would then drop and load again.
  const write = CacheStamp.updateOne({ _id: collection }, { $set: { n: randomUUID() } }, { upsert: true }).catch(() => undefined);
  stampWrites.set(collection, write);
  void write.then(() => {
    if (stampWrites.get(collection) === write) stampWrites.delete(collection);
  });
}

/** Starts observing the default connection's writes (again after a reconnect made a new client). */
function ensureObserved(): boolean {
  const conn = mongoose.connection;
  if (conn.readyState !== 1) return false;
  const client = conn.getClient();
  if (observed?.client === client) return true;
  observed?.stop();
  observed = { client, stop: observeWrites(conn, [...entries.keys()], changed) };
  return true;
}

// Writers in this process bump the stamps even before this process reads a cache itself.
mongoose.connection.on('open', () => ensureObserved());

export interface CollectionCache<T> {
  /** Every document of the collection by id (from memory while nothing changed). */
  all(): Promise<Map<string, T>>;
  /** The documents of `ids` that exist. */
  pick(ids: readonly unknown[]): Promise<Map<string, T>>;
}

/**
 * Caches `model`'s whole collection (lean, with `projection`). Only for small collections that pages
 * read often and people change rarely.
 */
export function cacheCollection<T extends { _id: unknown }>(target: Model<any>, projection: Record<string, 0 | 1> = {}): CollectionCache<T> { // eslint-disable-line @typescript-eslint/no-explicit-any -- any model
  const name = target.collection.collectionName;
  const load = async () => {
    const rows = (await target.find({}, projection).lean()) as unknown as T[];
    return new Map(rows.map((r) => [String(r._id), r as unknown]));
  };
  const entry: Entry = { load, gen: 0 };
  entries.set(name, [...(entries.get(name) ?? []), entry]);
  if (observed) {
    observed.stop();
    observed = null;
  }
  const all = async (): Promise<Map<string, T>> => {
    if (!ensureObserved()) return (await load()) as Map<string, T>;
    await stampWrites.get(name);
    const stamp = (await CacheStamp.findById(name).lean())?.n ?? '';
    const copy = entry.copy;
    if (copy && copy.gen === entry.gen && copy.stamp === stamp) return (await copy.rows) as Map<string, T>;
    const rows = load();
    entry.copy = { gen: entry.gen, stamp, rows };
    rows.catch(() => {
      if (entry.copy?.rows === rows) entry.copy = undefined;
    });
    return (await rows) as Map<string, T>;
  };
  return {
    all,
    pick: async (ids) => {
      const rows = await all();
      const out = new Map<string, T>();
      for (const id of ids) {
        const row = rows.get(String(id));
        if (row) out.set(String(id), row);
      }
      return out;
    },
  };
}
