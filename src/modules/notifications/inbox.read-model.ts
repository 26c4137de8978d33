import { Types, trusted } from 'mongoose';
import { ReadModelDoc } from '../../platform/db/read-model';
import { withLocks } from '../../platform/db/locks';
import { Notification } from './notification.model';

/**
 * The inbox read model: per recipient (`u:<userId>` for an account, `w:<workerId>` for a worker
 * record) two documents in `readmodels`, both keyed by `_id`:
 * - `unread:<recipient>` — `{ count }`, the number of unread, listed notices: the header reads it on
 *   every page (one small `_id` read however many notices exist);
 * - `inbox:<recipient>` — `{ items: ['<id> <createdAtMs> <1 when unread>', …] }` newest first (strings:
 *   FerretDB stores no nested arrays): every listed (not hidden) notice of that recipient, so an
 *   inbox page slices it and reads its notices by `_id`.
 *
 * Why not `defineReadModel`: its refresh rebuilds from the source, which on FerretDB is a scan of
 * all notices (`{user}` is not pushed down) on every mark-read. Here a write says which notices it
 * touched, and `touch` re-reads exactly those by `_id` under the recipient's lock (`withLocks`, an
 * insert under a unique `_id`) and sets their membership from what it read. Refreshes of one
 * recipient run one after another and each starts after its write committed, so the last one to
 * touch a notice saw its latest state: no interleaving leaves a stale entry (unlike `$inc`/`$push`,
 * which are not atomic on FerretDB). A missing or outdated document is rebuilt from the source (one
 * scan for all missing recipients of a call), also under the lock.
 */
const VERSION = 1;

export type Recipient = { user?: Types.ObjectId | string | null; worker?: Types.ObjectId | string | null };
/** [notice id, createdAt in ms, 1 when unread] */
export type InboxEntry = [string, number, 0 | 1];

export const recipientKey = (r: Recipient): string | null => (r.user ? `u:${String(r.user)}` : r.worker ? `w:${String(r.worker)}` : null);
const indexId = (key: string) => `inbox:${key}`;
const countId = (key: string) => `unread:${key}`;

type Listed = { _id: Types.ObjectId; user?: Types.ObjectId | null; worker?: Types.ObjectId | null; createdAt: Date; readAt?: Date | null; hidden?: boolean | null };
const entryOf = (n: Listed): InboxEntry => [String(n._id), n.createdAt.getTime(), n.readAt ? 0 : 1];
const encode = (e: InboxEntry) => `${e[0]} ${e[1]} ${e[2]}`;
const decode = (s: string): InboxEntry => {
  const [id, at, unread] = s.split(' ');
  return [id!, Number(at), unread === '1' ? 1 : 0];
};
const newestFirst = (a: InboxEntry, b: InboxEntry) => b[1] - a[1] || (b[0] < a[0] ? -1 : b[0] > a[0] ? 1 : 0);

/** Every listed notice of the given recipients, from the source (a scan: only for missing documents and rebuilds). */
async function buildFromSource(keys: readonly string[]): Promise<Map<string, InboxEntry[]>> {
  const users = keys.filter((k) => k.startsWith('u:')).map((k) => new Types.ObjectId(k.slice(2)));
  const workers = keys.filter((k) => k.startsWith('w:')).map((k) => new Types.ObjectId(k.slice(2)));
  const or: Record<string, unknown>[] = [];
  if (users.length) or.push({ user: trusted({ $in: users }) });
  if (workers.length) or.push({ worker: trusted({ $in: workers }) });
  const out = new Map<string, InboxEntry[]>(keys.map((k) => [k, []]));
  if (or.length === 0) return out;
  const rows = await Notification.find({ $or: or, hidden: trusted({ $ne: true }) }, { user: 1, worker: 1, createdAt: 1, readAt: 1 }).lean<Listed[]>();
  for (const n of rows) out.get(recipientKey(n)!)?.push(entryOf(n));
  return out;
}

async function write(key: string, items: InboxEntry[]): Promise<void> {
  items.sort(newestFirst);
  const builtAt = new Date();
  // Under the recipient's lock only this call writes these two documents, so the upserts cannot race.
  await ReadModelDoc.replaceOne({ _id: indexId(key) }, { v: VERSION, builtAt, data: { items: items.map(encode) } }, { upsert: true });
  await ReadModelDoc.replaceOne({ _id: countId(key) }, { v: VERSION, builtAt, data: { count: items.filter((e) => e[2] === 1).length } }, { upsert: true });
}

/** Recipients per lock set (a bulk notice to many workers takes their locks in chunks). */
const CHUNK = 100;

/**
 * Brings the documents of the touched recipients up to date with the notices touched (by `_id`):
 * call after every write that adds, reads, hides or deletes a listed notice, once it committed.
 */
export async function touchInbox(touched: ReadonlyMap<string, readonly string[]>): Promise<void> {
  const keys = [...touched.keys()];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    await withLocks(chunk.map((k) => `rm:${indexId(k)}`), async () => {
      const docs = await Promise.all(chunk.map((k) => ReadModelDoc.findById(indexId(k)).lean()));
      const missing = chunk.filter((_, j) => !docs[j] || docs[j]!.v !== VERSION);
      const rebuilt = missing.length ? await buildFromSource(missing) : new Map<string, InboxEntry[]>();
      await Promise.all(
        chunk.map(async (key, j) => {
          if (rebuilt.has(key)) return write(key, rebuilt.get(key)!);
          const items = new Map(((docs[j]!.data as { items?: string[] }).items ?? []).map(decode).map((e) => [e[0], e]));
          const ids = [...new Set(touched.get(key) ?? [])].filter((id) => Types.ObjectId.isValid(id));
          const now = await Promise.all(ids.map((id) => Notification.findById(id, { user: 1, worker: 1, createdAt: 1, readAt: 1, hidden: 1 }).lean<Listed>()));
          ids.forEach((id, k) => {
            const n = now[k];
            if (n && !n.hidden && recipientKey(n) === key) items.set(id, entryOf(n));
            else items.delete(id);
          });
          await write(key, [...items.values()]);
        }),
      );
    }, { waitMs: 30_000 });
  }
}

/** Groups notices by recipient for `touchInbox`. */
export function byRecipient(notices: Iterable<{ id: string } & Recipient>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of notices) {
    const key = recipientKey(n);
    if (!key) continue;
    out.set(key, [...(out.get(key) ?? []), n.id]);
  }
  return out;
}

/** Rebuilds the given recipients from the source (after a crash between a write and its touch, or a bulk change). */
export async function rebuildInbox(keys: readonly string[]): Promise<void> {
  await touchInbox(new Map(keys.map((k) => [k, []])));
}

async function readOrBuild<T>(keys: readonly string[], idOf: (k: string) => string): Promise<T[]> {
  const read = () => Promise.all(keys.map((k) => ReadModelDoc.findById(idOf(k)).lean()));
  let docs = await read();
  const missing = keys.filter((_, i) => !docs[i] || docs[i]!.v !== VERSION);
  if (missing.length) {
    await touchInbox(new Map(missing.map((k) => [k, []])));
    docs = await read();
  }
  return docs.map((d) => d?.data as T);
}

/** Unread, listed notices of these recipients: one `_id` read each. */
export async function unreadOf(keys: readonly string[]): Promise<number> {
  const counts = await readOrBuild<{ count: number } | undefined>(keys, countId);
  return counts.reduce((sum, c) => sum + (c?.count ?? 0), 0);
}

/** The listed notices of these recipients, newest first (ids, times and read state only). */
export async function entriesOf(keys: readonly string[]): Promise<InboxEntry[]> {
  const docs = await readOrBuild<{ items?: string[] } | undefined>(keys, indexId);
  return docs.flatMap((d) => (d?.items ?? []).map(decode)).sort(newestFirst);
}
