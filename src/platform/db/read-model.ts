import { Schema, model, trusted } from 'mongoose';
import { withLocks } from './locks';

/**
 * Read models: documents keyed by `_id`, derived from source collections and kept right on write, so
 * a page reads one document by `_id` instead of filtering a collection.
 *
 * Why: FerretDB v1 on SQLite pushes down only a filter that is exactly `{_id: value}`; every other
 * filter (also `_id: {$in}`) decodes the whole collection (50–90 µs per document), so a page that
 * filters enrolments or meetings costs time in proportion to the history kept. On MongoDB the same
 * documents are simply cheap point reads; the code is the same for both.
 *
 * Who keeps them right: every writer of the source calls `refresh(keys)` after its write has
 * committed (and before it answers, so the user sees their own change). A refresh recomputes the
 * documents of those keys **from the source** under a per-key lock (`withLocks`, an insert under a
 * unique `_id`, the only atomic write on FerretDB): refreshes of one key run one after another, and
 * the last one starts after the last write committed, so it reads every write — two writers racing
 * cannot leave a stale document behind, which `$push`/`$inc` maintenance could on FerretDB (its
 * updates are not atomic). A missing document, or one built by an older `version`, is built on
 * first read. `rebuildAll` (a job, or after a bulk import) recomputes everything.
 *
 * The cost moves to the write: `build(keys)` may scan the source once per refresh (one read for
 * any number of keys — pass all keys a write touched together).
 */
const readModelSchema = new Schema(
  {
    _id: { type: String, required: true },
    v: { type: Number, required: true },
    builtAt: { type: Date, required: true },
    data: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false, collection: 'readmodels' },
);
export const ReadModelDoc = model('ReadModelDoc', readModelSchema);

export interface ReadModel<T> {
  readonly name: string;
  /** The document of `key` (one read by `_id`); built from the source when missing or outdated. */
  get(key: string): Promise<T>;
  /** Several keys, each read by `_id` in parallel (cheaper on FerretDB than one `_id: {$in}`). */
  getMany(keys: readonly string[]): Promise<Map<string, T>>;
  /** Recomputes the documents of `keys` from the source; call after every write that touches them. */
  refresh(keys: readonly string[]): Promise<void>;
  /** Removes every document of this model: the next read of each key rebuilds it. */
  clear(): Promise<void>;
  /**
   * Replaces every document from one read of the source (`buildAll`), for scripts that bulk-write the
   * source with no other writer running (scripts/generate.ts): far cheaper than `refresh` of every key
   * (one scan per 200 keys). Not for a running app: a write racing it may be overwritten.
   */
  rebuildAll(): Promise<number>;
}

export interface ReadModelDefinition<T> {
  /** Prefix of the documents' `_id` (`<name>:<key>`); unique per read model. */
  name: string;
  /** Bump when the shape of `T` or what `build` computes changes: older documents are rebuilt on read. */
  version: number;
  /** Computes the documents of `keys` from the source, in as few reads as possible. Keys absent from the map get `empty(key)`. */
  build(keys: readonly string[]): Promise<Map<string, T>>;
  empty(key: string): T;
  /** Every key's document from one read of the source (for `rebuildAll`); without it, `rebuildAll` only clears. */
  buildAll?(): Promise<Map<string, T>>;
}

/** Keys per refresh taken under one set of locks (a bulk import refreshes in chunks of this). */
const REFRESH_CHUNK = 200;

export function defineReadModel<T>(def: ReadModelDefinition<T>): ReadModel<T> {
  const id = (key: string) => `${def.name}:${key}`;
  const refresh = async (keys: readonly string[]): Promise<void> => {
    const unique = [...new Set(keys.map(String))];
    for (let i = 0; i < unique.length; i += REFRESH_CHUNK) {
      const chunk = unique.slice(i, i + REFRESH_CHUNK);
      await withLocks(chunk.map((k) => `rm:${id(k)}`), async () => {
        const built = await def.build(chunk);
        const builtAt = new Date();
        // Under the lock only this refresh writes these documents, so the upsert cannot race.
        await Promise.all(
          chunk.map((k) => ReadModelDoc.replaceOne({ _id: id(k) }, { v: def.version, builtAt, data: built.get(k) ?? def.empty(k) }, { upsert: true })),
        );
      }, { waitMs: 30_000 });
    }
  };
  const getMany = async (keys: readonly string[]): Promise<Map<string, T>> => {
    const unique = [...new Set(keys.map(String))];
    const docs = await Promise.all(unique.map((k) => ReadModelDoc.findById(id(k)).lean()));
    const missing = unique.filter((_, i) => !docs[i] || docs[i]!.v !== def.version);
    const out = new Map<string, T>();
    unique.forEach((k, i) => {
      if (docs[i] && docs[i]!.v === def.version) out.set(k, docs[i]!.data as T);
    });
    if (missing.length > 0) {
      await refresh(missing);
      const again = await Promise.all(missing.map((k) => ReadModelDoc.findById(id(k)).lean()));
      missing.forEach((k, i) => out.set(k, (again[i]?.data as T | undefined) ?? def.empty(k)));
    }
    return out;
  };
  // An anchored prefix: a scan, but only for tests and rebuilds, never on a page. `trusted`: the
  // app sets `sanitizeFilter`, which would otherwise turn the `$regex` into an exact match.
  const clear = async () => {
    await ReadModelDoc.deleteMany({ _id: trusted({ $regex: `^${def.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:` }) });
  };
  return {
    name: def.name,
    get: async (key) => (await getMany([key])).get(String(key))!,
    getMany,
    refresh,
    clear,
    rebuildAll: async () => {
      await clear();
      if (!def.buildAll) return 0;
      const builtAt = new Date();
      const docs = [...(await def.buildAll())].map(([k, data]) => ({ _id: id(k), v: def.version, builtAt, data }));
      for (let i = 0; i < docs.length; i += 1000) await ReadModelDoc.insertMany(docs.slice(i, i + 1000), { ordered: false });
      return docs.length;
    },
  };
}
