import { AsyncLocalStorage } from 'node:async_hooks';
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
 *   and a read compares it (`readStamps`: one read of all stamps per request, `shareStampReads`):
 *   another process's copy is dropped once its stamp differs. That stamp is written just after the
 *   write answered, so another process may serve the old copy for those few milliseconds, and a
 *   request already running there until it ends.
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
/** Counts this process's stamp writes that have landed; a stamp read remembers the count it started at. */
let stampWritesLanded = 0;
/** Per collection, `stampWritesLanded` just after its latest stamp write landed. */
const landedAt = new Map<string, number>();
interface StampRead {
  /** `stampWritesLanded` when the read was sent. */
  startedAt: number;
  /** When it was sent (ms): a long request (an export, an import) reads the stamps again after REQUEST_READING_MS. */
  sentAt: number;
  stamps: Promise<Map<string, string>>;
}
/** The read of every stamp in flight, shared by the caches that ask while it runs. */
let stampRead: StampRead | null = null;
/** How long a request keeps using its reading of the stamps. */
const REQUEST_READING_MS = 2000;
/** Per request (`shareStampReads`): the stamps read for it, used by every cache the request asks. */
const requestScope = new AsyncLocalStorage<{ read?: StampRead }>();

/**
 * Runs `fn` (a request) with one reading of the stamps for all of it: the first cache it asks
 * reads them, the others use that reading (for up to REQUEST_READING_MS: a long export reads again). Another process's write then shows from the next
 * request on (its stamp lands just after its write answered anyway); this process's own writes
 * show at once (the copy is dropped on the write, and a reading older than this process's last
 * stamp write of a collection is not used for it). Mounted once, early, in app.ts.
 */
export function shareStampReads<T>(fn: () => T): T {
  return requestScope.run({}, fn);
}

/**
 * Every collection's stamp, from one read of `cachestamps` (one small document per cached
 * collection, so the whole collection is a handful of documents) instead of a point read per
 * cache: a page that resolves names from four caches sends one read. A reading is used for a
 * collection only if it was sent after this process's own last stamp write of that collection
 * landed (else it could miss that write and keep a copy under the old stamp, to be dropped and
 * loaded again): the request's own reading (`shareStampReads`), else one in flight, else a new one.
 */
function readStamps(collection: string): Promise<Map<string, string>> {
  const fresh = (r: StampRead | null | undefined): r is StampRead => !!r && r.startedAt >= (landedAt.get(collection) ?? 0);
  const scope = requestScope.getStore();
  if (fresh(scope?.read) && Date.now() - scope.read.sentAt < REQUEST_READING_MS) return scope.read.stamps;
  if (fresh(stampRead)) {
    if (scope) scope.read = stampRead;
    return stampRead.stamps;
  }
  const read: StampRead = {
    startedAt: stampWritesLanded,
    sentAt: Date.now(),
    stamps: CacheStamp.find({}).lean().then((rows) => new Map(rows.map((r) => [String(r._id), r.n]))),
  };
  stampRead = read;
  if (scope) scope.read = read;
  read.stamps.then(
    () => {
      if (stampRead === read) stampRead = null;
    },
    () => {
      if (stampRead === read) stampRead = null;
      if (scope?.read === read) scope.read = undefined;
    },
  );
  return read.stamps;
}

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
    landedAt.set(collection, ++stampWritesLanded);
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
    const stamp = (await readStamps(name)).get(name) ?? '';
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
